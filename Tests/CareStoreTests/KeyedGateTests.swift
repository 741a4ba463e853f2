import Foundation
import Testing

@testable import CareStore

/// What happened inside the gate, in order.
private actor Trace {
  private(set) var events: [String] = []
  private(set) var inside = 0
  private(set) var mostInside = 0
  func enter(_ name: String) {
    events.append("in \(name)")
    inside += 1
    mostInside = max(mostInside, inside)
  }
  func leave(_ name: String) {
    events.append("out \(name)")
    inside -= 1
  }
}

@Suite("Store: writers in line for a key")
struct KeyedGateTests {
  /// Callers of one key go in one at a time, in the order they came; another key does not wait.
  @Test func oneKeyLetsOneCallerInAtATimeInOrder() async throws {
    let gate = KeyedGate()
    let trace = Trace()
    try await gate.holding(["book"]) {
      var callers: [Task<Void, any Error>] = []
      for name in ["a", "b", "c"] {
        callers.append(
          Task {
            try await gate.holding(["book"]) {
              await trace.enter(name)
              try await Task.sleep(nanoseconds: 2_000_000)
              await trace.leave(name)
            }
          })
        // Each is in line before the next one comes.
        while await gate.waiters("book") < callers.count { await Task.yield() }
      }
      // Another key is not held up by the line.
      try await gate.holding(["other"]) { await trace.enter("other") }
      #expect(await trace.events == ["in other"])
      _ = callers
    }
    while await trace.events.count < 7 { try await Task.sleep(nanoseconds: 1_000_000) }
    #expect(await trace.events == ["in other", "in a", "out a", "in b", "out b", "in c", "out c"])
    #expect(await gate.waiters("book") == 0)
  }

  /// Many callers over overlapping keys: never two inside with a key in common, nobody stuck, and a caller
  /// whose work fails still lets the next one in.
  @Test func overlappingKeysNeverDeadlockOrOverlap() async throws {
    let gate = KeyedGate()
    let traces = ["x": Trace(), "y": Trace(), "z": Trace()]
    let sets = [["x", "y"], ["y", "z"], ["z", "x"], ["x"], ["z", "y", "x"]]
    struct Failed: Error {}
    await withTaskGroup(of: Void.self) { group in
      for index in 0..<60 {
        let keys = sets[index % sets.count]
        group.addTask {
          _ = try? await gate.holding(keys) {
            for key in keys { await traces[key]!.enter("\(index)") }
            await Task.yield()
            for key in keys { await traces[key]!.leave("\(index)") }
            if index % 7 == 0 { throw Failed() }
          }
        }
      }
    }
    for (key, trace) in traces {
      #expect(await trace.mostInside == 1, "two callers were inside \(key) at once")
      #expect(await trace.inside == 0)
    }
    try await gate.holding(["x", "y", "z"]) {}  // every key free again
  }
}
