/** The on-call repository after every file passed its schema: plain typed data, no positions. */
import type { PeopleFile, PlaybookFrontMatter, RotationFile, ScheduleFile } from './schemas.js';

export interface RotationSource {
  /** The folder name under rotations/, which must equal the rotation's `name`. */
  dir: string;
  rotationFile: string;
  scheduleFile: string;
  rotation: RotationFile;
  schedule: ScheduleFile;
}

export interface PlaybookSource {
  file: string;
  frontMatter: PlaybookFrontMatter;
  /** Level-2 headings of the body, with their line in the file. */
  sections: { title: string; line: number }[];
}

export interface Repository {
  peopleFile: string;
  people: PeopleFile;
  rotations: RotationSource[];
  playbooks: PlaybookSource[];
}
