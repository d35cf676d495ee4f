/**
 * The validated course configuration, for pages and components.
 * It is validated once, when Astro loads its config (see
 * src/integrations/course-build.ts), and handed over as a virtual module.
 */
import config from 'virtual:transfer-lab/course';
import type { CourseConfig } from '../schemas/course-config.ts';

export const course: CourseConfig = config;
