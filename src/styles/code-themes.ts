/**
 * The syntax themes of the code shown at build time (Shiki: Markdown code
 * fences, the exercise's code before the editor loads, the PyTorch panels).
 * One place, so every listing follows the site's light/dark switch the same
 * way. GitHub's "default" variants: their comments and constants meet WCAG AA
 * contrast (4.5:1) on their backgrounds; the older github-light/-dark do not
 * (orange 3.5:1, comments 3.0:1 — axe flags them).
 */
export const CODE_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
