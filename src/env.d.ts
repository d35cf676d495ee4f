/// <reference types="astro/client" />

declare module 'virtual:transfer-lab/course' {
  const config: import('./schemas/course-config.ts').CourseConfig;
  export default config;
}

declare namespace App {
  interface Locals {
    /** Set by the lesson page before it renders the lesson's MDX, so components know their lesson. */
    lesson?: {
      /** The lesson slug, e.g. "load-a-pretrained-model". */
      id: string;
      /** Absolute path of the lesson folder. */
      dir: string;
    };
  }
}
