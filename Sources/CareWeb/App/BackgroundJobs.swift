import Logging

/// Work done after the answer is sent (mail, and the store work that goes with it), so how long a request
/// takes says nothing about what it found: "forgot password" answers known and unknown addresses alike.
/// Tests and shutdown wait for it with `drain()`. In memory: a restart loses work not yet done (durable
/// jobs in the database are issue 11's).
actor BackgroundJobs {
  private var running: [Int: Task<Void, Never>] = [:]
  private var next = 0
  let logger: Logger

  init(logger: Logger) { self.logger = logger }

  func run(_ name: String, _ work: @escaping @Sendable () async throws -> Void) {
    next += 1
    let id = next
    let logger = logger
    running[id] = Task {
      do { try await work() } catch { logger.error("background job \(name) failed: \(error)") }
      self.finished(id)
    }
  }

  private func finished(_ id: Int) { running[id] = nil }

  /// Waits until every job started so far (and any they start) has finished.
  func drain() async {
    while let (_, task) = running.first {
      await task.value
    }
  }
}
