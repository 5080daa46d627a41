/**
 * The webhook payloads GitHub would deliver to the workflows, built the way GitHub builds them:
 * the issue, comment, pull request, review and repository as the REST API serves them (here, the
 * local GitHub emulator), wrapped in the event's envelope (`action`, `sender`…). Only the fields
 * GitHub sends are used, so the Actions read what they would read on github.com.
 */
type Json = Record<string, unknown>;

export class WebhookPayloads {
  constructor(
    private readonly apiUrl: string,
    private readonly repository: string,
  ) {}

  /** `issues` with `action` (opened, closed…): the issue as it stands now. */
  async issues(action: string, number: number, sender?: Json): Promise<Json> {
    const [issue, repository] = await Promise.all([this.get(`issues/${number}`), this.repo()]);
    return { action, issue, repository, sender: sender ?? issue.user };
  }

  /** `issue_comment.created` for a comment already on the issue. */
  async issueComment(number: number, commentId: number): Promise<Json> {
    const [issue, comment, repository] = await Promise.all([
      this.get(`issues/${number}`),
      this.get(`issues/comments/${commentId}`),
      this.repo(),
    ]);
    return { action: 'created', issue, comment, repository, sender: comment.user };
  }

  /** `pull_request` with `action` (opened, synchronize…). */
  async pullRequest(action: string, number: number): Promise<Json> {
    const [pull, repository] = await Promise.all([this.get(`pulls/${number}`), this.repo()]);
    return { action, number, pull_request: pull, repository, sender: pull.user };
  }

  /** `pull_request_review.submitted` for a review already on the pull request. */
  async pullRequestReview(number: number, reviewId: number): Promise<Json> {
    const [pull, reviews, repository] = await Promise.all([
      this.get(`pulls/${number}`),
      this.get(`pulls/${number}/reviews`) as Promise<unknown>,
      this.repo(),
    ]);
    const review = (reviews as Json[]).find((entry) => entry.id === reviewId);
    if (!review) throw new Error(`pull request #${number} has no review ${reviewId}`);
    return { action: 'submitted', review, pull_request: pull, repository, sender: review.user };
  }

  /** The `schedule` trigger of a workflow. */
  async schedule(cron: string, workflow: string): Promise<Json> {
    return { schedule: cron, workflow, repository: await this.repo() };
  }

  private repo(): Promise<Json> {
    return this.get('');
  }

  private async get(path: string): Promise<Json> {
    const url = `${this.apiUrl}/repos/${this.repository}${path ? `/${path}` : ''}`;
    const response = await fetch(url, {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: 'token demo-webhook-deliveries',
        'user-agent': 'oncall-demo-webhooks',
      },
    });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Json;
  }
}
