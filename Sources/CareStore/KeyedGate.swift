/// One writer at a time per key inside this process, first come first served, waiting without a database
/// connection.
///
/// Writers that would contend for the same advisory lock (an agreement's hours, a co-op's invoices or pay)
/// queue here first. Without it, eight invoice runs at once on PostgreSQL each tried the lock, slept a random
/// 2–20 ms and tried again: the last in line could spend its whole 5 s deadline losing races and be told the
/// run was busy. The database lock is still taken inside the transaction, so another process (a second
/// server, the command line) is kept out as before.
actor KeyedGate {
  private var held: Set<String> = []
  private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

  /// Runs `body` holding every key in `keys` (taken in sorted order, so two callers never wait on each
  /// other), then lets the next waiter of each key in.
  nonisolated func holding<T: Sendable>(_ keys: [String], _ body: () async throws -> T) async throws -> T {
    let keys = Set(keys).sorted()
    for key in keys { await take(key) }
    do {
      let result = try await body()
      await release(keys)
      return result
    } catch {
      await release(keys)
      throw error
    }
  }

  /// How many callers wait for `key` (for tests).
  func waiters(_ key: String) -> Int { waiting[key]?.count ?? 0 }

  private func take(_ key: String) async {
    guard held.contains(key) else {
      held.insert(key)
      return
    }
    // Released straight to the first waiter: the key stays held, so nobody slips in between.
    await withCheckedContinuation { waiting[key, default: []].append($0) }
  }

  private func release(_ keys: [String]) {
    for key in keys {
      if var queue = waiting[key], !queue.isEmpty {
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
      } else {
        held.remove(key)
      }
    }
  }
}
