/**
 * The course configuration. Teachers: this is the one file to edit to make
 * the course your own. Every field is documented in src/schemas/course-config.ts
 * (hover a field in your editor), and a wrong value stops the build with a
 * message that names the field.
 */
import { defineCourse } from './src/schemas/course-config.ts';

export default defineCourse({
  id: 'transfer-lab',
  title: 'Transfer Learning, step by step',
  author: 'Transfer Lab',
  base: '/',
  solutions: 'after-attempt',
  timeLimitSeconds: 120,
  extraModels: [],
});
