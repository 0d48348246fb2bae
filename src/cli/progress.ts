/**
 * Build progress on a terminal: one line, rewritten in place, once a build
 * has run for about a second (files done / total, questions, elapsed).
 *
 * Nothing at all when stderr is not a terminal, under CI (`CI` set) or with
 * `--quiet`: logs and pipes get only the final summary.
 *
 * @module
 */

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  write(chunk: string): unknown
  isTTY?: boolean
}

/** Progress of one build. */
export interface Progress {
  /** Files parsed so far, of `total`, and the questions they hold. */
  update(done: number, total: number, questions: number): void
  /** Erase the line (before the summary is printed). */
  end(): void
}

/** Show nothing before this many milliseconds, and redraw at most this often. */
const delayMs = 1000
const intervalMs = 100

/**
 * A progress line on `stream`, or `undefined` when progress must not show.
 *
 * @param clock Milliseconds now (tests pass their own).
 */
export function createProgress(
  stream: ProgressStream,
  env: Readonly<Record<string, string | undefined>>,
  quiet: boolean,
  clock: () => number = () => performance.now()
): Progress | undefined {
  if (stream.isTTY !== true || quiet || (env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== 'false')) return undefined
  const started = clock()
  let drawn = false
  let lastDraw = 0
  return {
    update(done, total, questions) {
      const now = clock()
      if (now - started < delayMs || (now - lastDraw < intervalMs && done < total)) return
      lastDraw = now
      drawn = true
      const seconds = ((now - started) / 1000).toFixed(1)
      stream.write(`\r\u001B[Kdeckdown: ${done}/${total} files, ${questions} questions, ${seconds} s${done === total ? ', writing…' : ''}`)
    },
    end() {
      if (drawn) stream.write('\r\u001B[K')
      drawn = false
    }
  }
}
