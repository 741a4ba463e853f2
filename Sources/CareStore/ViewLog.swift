import CareCore
import FluentKit
import Foundation

/// Group commit for the who-looked rows of views. Each view waits until its own row is durable before
/// the page is shown, but rows that arrive while a commit is under way go into the next commit together:
/// under load one fsync carries many views instead of one each. Nothing is acknowledged before it is
/// written; a failed commit fails every view in it.
actor ViewLog {
  private var pending: [(AuditEvent, CheckedContinuation<Void, any Error>)] = []
  private var flushing = false
  private let commit: @Sendable ([AuditEvent]) async throws -> Void
  /// Commits so far and the rows they carried (for tests and the benchmark's curiosity).
  private(set) var commits = 0
  private(set) var rows = 0

  init(commit: @escaping @Sendable ([AuditEvent]) async throws -> Void) {
    self.commit = commit
  }

  /// Returns once the row is committed (or throws if its commit failed).
  func append(_ event: AuditEvent) async throws {
    try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
      pending.append((event, waiter))
      if !flushing {
        flushing = true
        Task { await self.flush() }
      }
    }
  }

  private func flush() async {
    while !pending.isEmpty {
      let batch = pending
      pending = []
      do {
        try await commit(batch.map(\.0))
        commits += 1
        rows += batch.count
        for (_, waiter) in batch { waiter.resume() }
      } catch {
        for (_, waiter) in batch { waiter.resume(throwing: error) }
      }
    }
    flushing = false
  }
}
