/** A value or a reason, returned instead of thrown across every boundary (IPC, files, CLI). */
export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** An error a person reads: `message` is plain Chinese; `code` is for programs. */
export interface AppError {
  readonly code: string;
  readonly message: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });
