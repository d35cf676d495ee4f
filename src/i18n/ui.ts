/**
 * Every user-facing string of the interface, in one place.
 *
 * To translate the course interface, copy this file's values into your
 * language and keep the keys. Lesson text lives in `lessons/`, not here.
 * Strings with `{name}` placeholders are filled by `format()` below.
 */
export const ui = {
  site: {
    defaultTitle: 'Transfer Learning, step by step',
    skipToContent: 'Skip to content',
    lessonsHeading: 'Lessons',
    start: 'Start',
    continue: 'Continue',
    previous: 'Previous',
    next: 'Next',
    previousLesson: 'Previous lesson',
    nextLesson: 'Next lesson',
    lessonNav: 'Lesson navigation',
    courseNav: 'Course',
    currentLesson: 'current lesson',
    lessonNumber: 'Lesson {n}',
    home: 'Home',
    modelCard: 'Model card',
    teacherGuide: 'Teacher guide',
    themeToggle: 'Dark theme',
    themeToggleHint: 'Switch between light and dark',
    search: 'Search',
    searchLabel: 'Search the lessons',
    searchPlaceholder: 'Search lessons…',
    searchNoResults: 'No lesson matches “{query}”.',
    searchUnavailable: 'Search needs JavaScript and the built site (run npm run build).',
    menu: 'Menu',
    speakerSays: '{speaker}:',
    avatarAlt: '{speaker}, {mood}',
    pytorchEquivalent: 'PyTorch equivalent',
    copy: 'Copy',
    copied: 'Copied',
    notFoundTitle: 'Page not found',
    notFoundText: 'This page does not exist. Try the lesson list.',
    footerBuiltWith: 'Built with Astro, TensorFlow.js and Monaco.',
  },
  exercise: {},
  progress: {},
} as const;

export type UiStrings = typeof ui;

/** Fills `{name}` placeholders: format('Lesson {n}', { n: 2 }) === 'Lesson 2'. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
