// A SafeError's message is written for the user and may be shown as is; any other error is logged and
// replaced by a generic message, so internals (SQL, paths, credentials) never reach the browser.
export class SafeError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    /** A stable name for the case, for forms that react to it (e.g. "duplicate"). */
    readonly code?: string,
  ) {
    super(message);
    this.name = "SafeError";
  }
}

export function userMessage(error: unknown): { message: string; status: number; code?: string } {
  if (error instanceof SafeError) return { message: error.message, status: error.status, ...(error.code ? { code: error.code } : {}) };
  console.error(error);
  return { message: "Something went wrong on the server. The error was logged; please try again.", status: 500 };
}
