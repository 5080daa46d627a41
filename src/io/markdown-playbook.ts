/** A playbook file: YAML front matter between `---` lines, then markdown with `## Section` headings. */
import type { Diagnostic } from '../core/diagnostics/finding.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

export interface ParsedPlaybook {
  frontMatter?: YamlSource;
  sections: { title: string; line: number }[];
  diagnostics: Diagnostic[];
}

export function parseMarkdownPlaybook(file: string, text: string): ParsedPlaybook {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return {
      sections: [],
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          rule: 'playbook-front-matter',
          message:
            'a playbook starts with front matter between --- lines (system, title, team, point_people)',
          severity: 'error',
        },
      ],
    };
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (close < 0) {
    return {
      sections: [],
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          rule: 'playbook-front-matter',
          message: 'the front matter has no closing --- line',
          severity: 'error',
        },
      ],
    };
  }
  // Line 1 is the opening ---, so the front matter's own line 1 is the file's line 2.
  const parsed = parseYaml(file, lines.slice(1, close).join('\n'), 1);
  const sections: { title: string; line: number }[] = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (index <= close) return;
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) sections.push({ title: heading[1], line: index + 1 });
  });
  return { frontMatter: parsed.source, sections, diagnostics: parsed.diagnostics };
}
