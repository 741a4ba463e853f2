import CareCases
import Logging

/// Runs the queued jobs (`jobs` table) of this app instance: every second, and at once when a request has
/// just queued one (`nudge`). Several instances share the queue; each job is claimed by one of them.
/// Tests do not start the loop: they call `drain()` to run what is due, when they want it run.
actor JobWorker {
  let cases: Cases
  let name: String
  let logger: Logger
  private var running: Task<Void, Never>?
  private var loop: Task<Void, Never>?

  init(cases: Cases, name: String, logger: Logger) {
    self.cases = cases
    self.name = name
    self.logger = logger
  }

  /// Runs due jobs now, unless a run is already under way (it will find the new job) or the worker is not
  /// started (tests, which run jobs with `drain()`).
  func nudge() {
    guard loop != nil, running == nil else { return }
    running = Task {
      await self.runDue()
      self.finished()
    }
  }

  private func finished() { running = nil }

  private func runDue() async {
    do {
      try await cases.runDueJobs(worker: name)
    } catch {
      logger.error("jobs could not run: \(error)")
    }
  }

  /// Waits for a run under way, then runs whatever is still due.
  func drain() async {
    while let task = running { await task.value }
    await runDue()
  }

  func start(every seconds: UInt64 = 1) {
    guard loop == nil else { return }
    loop = Task {
      while !Task.isCancelled {
        self.nudge()
        try? await Task.sleep(nanoseconds: seconds * 1_000_000_000)
      }
    }
  }

  func stop() async {
    loop?.cancel()
    loop = nil
    while let task = running { await task.value }
  }
}
