/**
 * The two characters of the dialogue and the moods each one has a face for.
 * The moods are the seed's own words; each has an SVG in public/avatars/.
 */
export const characters = {
  gal: { name: 'Gal', moods: ['normal', 'happy', 'excited', 'wondering', 'curious', 'eager'] },
  geek: { name: 'Geek', moods: ['curious', 'smiling', 'happy', 'ready'] },
} as const;

export type Speaker = keyof typeof characters;
export type Mood<S extends Speaker> = (typeof characters)[S]['moods'][number];

export function avatarFile(speaker: Speaker, mood: string): string {
  return `avatars/${speaker}-${mood}.svg`;
}

/** "happy" -> "Happy", as the seed writes moods. */
export function moodLabel(mood: string): string {
  return mood.charAt(0).toUpperCase() + mood.slice(1);
}

/** Throws a message that names the lesson, the speaker and the allowed moods. */
export function checkMood(speaker: Speaker, mood: string | undefined, where: string): string {
  const moods: readonly string[] = characters[speaker].moods;
  const value = (mood ?? moods[0]!).toLowerCase();
  if (!moods.includes(value)) {
    throw new Error(
      `${where}: <${characters[speaker].name} mood="${mood}"> is not a known mood. Expected one of: ${moods.join(', ')}.`,
    );
  }
  return value;
}
