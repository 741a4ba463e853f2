import CareCore
import Foundation

/// The reads every signed-in request makes again and again (its session, what the policy needs about the
/// one asking, a team), kept in memory between writes. SQLite only: there this process is the one writer,
/// so it knows when the data changes; PostgreSQL may have other app instances writing, so it reads every
/// time.
///
/// The rule that keeps it right: every write transaction (`Store.write`) empties the cache when it ends,
/// before its caller hears that it is done, and a value read from the database is kept only if no write
/// ended while it was read. A value read just before a write committed may sit in memory until that
/// write's end empties it again, but by then nobody has been told the write happened: whoever starts a
/// read after a write has returned reads what it wrote. Audit lines are not writes to these
/// facts and leave the cache alone (a view's who-looked row would otherwise empty it on every view).
/// A process other than this server writing the same file (the `carecoop coop` command) is seen within
/// `lifetime` (2 s): no value is served older than that.
final class ReadCache: @unchecked Sendable {
  enum Key: Hashable {
    case session(tokenHash: String)
    case requester(account: UUID, day: Day)
    case team(person: UUID, coop: UUID)
  }

  private struct Entry {
    let value: any Sendable
    let readAt: ContinuousClock.Instant
  }

  private let lock = NSLock()
  private var entries: [Key: Entry] = [:]
  private struct Loading {
    let generation: UInt64
    let task: Task<(any Sendable)?, any Error>
  }
  private enum Step {
    case hit(any Sendable)
    case join(Task<(any Sendable)?, any Error>)
    case start(Task<(any Sendable)?, any Error>, generation: UInt64)
  }
  /// Loads under way, so that requests missing at the same moment wait for one read.
  private var loading: [Key: Loading] = [:]
  /// Raised each time a write ends.
  private var generation: UInt64 = 0
  let lifetime: Duration
  let capacity: Int
  /// Reads answered from memory, by waiting for another request's read, and from the database.
  private(set) var hits = 0
  private(set) var joined = 0
  private(set) var misses = 0

  init(lifetime: Duration = .seconds(2), capacity: Int = 4096) {
    self.lifetime = lifetime
    self.capacity = capacity
  }

  /// The value for `key`: from memory when it was read since the last write and less than `lifetime`
  /// ago, else from `load` (kept if no write ended while it was read; nil is never kept). Requests that
  /// miss at the same moment share one load: after a write empties the cache, thirty requests for the
  /// same session make one read, not thirty.
  func value<T: Sendable>(_ key: Key, load: @escaping @Sendable () async throws -> T?) async throws -> T? {
    let now = ContinuousClock.now
    let step: Step = lock.withLock {
      if let entry = entries[key], now - entry.readAt < lifetime, entry.value is T {
        hits += 1
        return .hit(entry.value)
      }
      // A load under way started after the last write ended, so it sees everything written so far.
      if let current = loading[key], current.generation == generation {
        joined += 1
        return .join(current.task)
      }
      misses += 1
      let task = Task<(any Sendable)?, any Error> { try await load() }
      loading[key] = Loading(generation: generation, task: task)
      return .start(task, generation: generation)
    }
    switch step {
    case .hit(let value):
      return value as? T
    case .join(let task):
      let shared = try await task.value
      guard let shared else { return nil }
      if let value = shared as? T { return value }
      return try await load()
    case .start(let task, let generationAtStart):
      let result = await task.result
      let loaded = try result.get() as? T
      lock.withLock {
        if loading[key]?.task == task { loading[key] = nil }
        guard let loaded, generation == generationAtStart else { return }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(value: loaded, readAt: now)
      }
      return loaded
    }
  }

  /// Runs a write; when it ends (committed or not) everything kept is dropped, and nothing read before
  /// then is kept afterwards.
  func duringWrite<T>(_ body: () async throws -> T) async rethrows -> T {
    defer {
      lock.withLock {
        generation &+= 1
        entries.removeAll(keepingCapacity: true)
      }
    }
    return try await body()
  }

  var count: Int { lock.withLock { entries.count } }
}
