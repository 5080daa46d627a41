/**
 * File contents on a branch or commit: read a file (base64) or list a directory, and create or
 * update one file as a new commit on a branch, guarded by the blob sha of the version replaced.
 */
import { GitHubError, notFound, Unsupported, validationFailed } from '../errors.js';
import { normalizePath } from '../state/git.js';
import { actorOf, created, fields, type HandlerTable, ok, repoOf } from './context.js';

interface PutContentBody {
  message: string;
  content: string;
  sha: string;
  branch: string;
  committer: { name: string; email: string; date?: string };
  author: { name: string; email: string; date?: string };
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

export const contentHandlers: HandlerTable = {
  'repos/get-content': (ctx) => {
    const repo = repoOf(ctx);
    const ref = ctx.query.ref ?? repo.defaultBranch;
    const commit = ctx.store.resolveRef(repo, ref);
    if (!commit) throw new GitHubError(404, `No commit found for the ref ${ref}`);
    const file = normalizePath(ctx.pathParams.path ?? '');
    const found = commit.files.get(file);
    if (found) return ok(ctx.render.contentFile(repo, ref, file, found));
    // A directory: its files and subdirectories, each once.
    const entries = new Map<string, 'file' | 'dir'>();
    for (const name of commit.files.keys()) {
      if (!name.startsWith(`${file}/`)) continue;
      const [first = '', ...rest] = name.slice(file.length + 1).split('/');
      entries.set(`${file}/${first}`, rest.length > 0 ? 'dir' : 'file');
    }
    if (entries.size === 0) throw notFound();
    const listing = [...entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, type]) => ctx.render.contentEntry(repo, ref, name, type, commit.files.get(name)));
    return ok(listing);
  },

  'repos/create-or-update-file-contents': (ctx) => {
    const repo = repoOf(ctx);
    const body = fields<PutContentBody>(ctx);
    const file = normalizePath(ctx.pathParams.path ?? '');
    const branch = body.branch ?? repo.defaultBranch;
    if (body.author || body.committer) throw new Unsupported('author and committer other than the token');
    const content = body.content ?? '';
    if (!BASE64.test(content)) {
      throw validationFailed({
        resource: 'Commit',
        field: 'content',
        code: 'invalid',
        message: 'content is not valid Base64',
      });
    }
    const head = ctx.store.branchHead(repo, branch);
    if (!head) throw new GitHubError(404, `Branch ${branch} not found`);
    const current = head.files.get(file);
    if (current && body.sha === undefined)
      throw new GitHubError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (body.sha !== undefined && body.sha !== current?.sha) {
      throw new GitHubError(409, `${file} does not match ${body.sha}`);
    }
    const commit = ctx.store.commitToBranch(repo, branch, {
      message: body.message ?? '',
      author: actorOf(ctx),
      changes: { [file]: Buffer.from(content, 'base64') },
    });
    const written = commit.files.get(file);
    if (!written) throw new Error(`the commit lost ${file}`);
    const answer = ctx.render.fileCommit(repo, branch, file, written, commit);
    return current ? ok(answer) : created(answer);
  },
};
