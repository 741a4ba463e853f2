import CareTestSupport
import Foundation
import Testing

@testable import CareCore
@testable import CareStore

/// Counts the reads that reached the "database".
private actor Loads {
  private(set) var count = 0
  func add() { count += 1 }
}

@Suite("Store: reads kept between writes")
struct ReadCacheTests {
  static let key = ReadCache.Key.session(tokenHash: "t")
  /// Long enough that a busy machine cannot age a value out mid-test (the lifetime has its own test).
  static let long = Duration.seconds(3600)

  @Test func aValueIsReadOnceUntilAWriteEnds() async throws {
    let cache = ReadCache(lifetime: Self.long)
    let loads = Loads()
    let load: @Sendable () async throws -> String? = {
      await loads.add()
      return "value"
    }
    for _ in 0..<3 { #expect(try await cache.value(Self.key, load: load) == "value") }
    #expect(await loads.count == 1)
    await cache.duringWrite {}
    #expect(try await cache.value(Self.key, load: load) == "value")
    #expect(await loads.count == 2, "a write that ended empties what was kept")
  }

  /// A read under way when a write ends may have missed it: what it read is not kept.
  @Test func aReadThatAWriteEndedDuringIsNotKept() async throws {
    let cache = ReadCache(lifetime: Self.long)
    let loads = Loads()
    let first = try await cache.value(Self.key) { () async throws -> String? in
      await loads.add()
      await cache.duringWrite {}  // a write commits and ends while this read is under way
      return "before the write"
    }
    #expect(first == "before the write")
    let second = try await cache.value(Self.key) { () async throws -> String? in
      await loads.add()
      return "after the write"
    }
    #expect(second == "after the write")
    #expect(await loads.count == 2)
  }

  /// After a write empties the cache, the requests that miss at the same moment share one read.
  @Test func missesAtTheSameMomentShareOneRead() async throws {
    let cache = ReadCache(lifetime: Self.long)
    let loads = Loads()
    let values = try await withThrowingTaskGroup(of: String?.self) { group in
      for _ in 0..<32 {
        group.addTask {
          try await cache.value(Self.key) { () async throws -> String? in
            await loads.add()
            try await Task.sleep(nanoseconds: 50_000_000)
            return "shared"
          }
        }
      }
      return try await group.reduce(into: [String?]()) { $0.append($1) }
    }
    #expect(values == Array(repeating: "shared", count: 32))
    #expect(await loads.count == 1)
  }

  /// A read that began before a write ended is not shared with requests that arrive after it ended.
  @Test func aReadFromBeforeAWriteIsNotSharedAfterIt() async throws {
    let cache = ReadCache(lifetime: Self.long)
    let started = AsyncStream<Void>.makeStream()
    let release = AsyncStream<Void>.makeStream()
    let early = Task {
      try await cache.value(Self.key) { () async throws -> String? in
        started.continuation.yield()
        for await _ in release.stream { break }
        return "old"
      }
    }
    for await _ in started.stream { break }
    await cache.duringWrite {}
    let late = try await cache.value(Self.key) { () async throws -> String? in "new" }
    release.continuation.yield()
    #expect(late == "new")
    #expect(try await early.value == "old")
    // What stays is the read made after the write, never the one from before it.
    #expect(try await cache.value(Self.key) { () async throws -> String? in "unused" } == "new")
  }

  @Test func nothingIsKeptLongerThanItsLifetimeNorNil() async throws {
    let cache = ReadCache(lifetime: .milliseconds(30))
    let loads = Loads()
    let load: @Sendable () async throws -> String? = {
      await loads.add()
      return "value"
    }
    _ = try await cache.value(Self.key, load: load)
    try await Task.sleep(nanoseconds: 80_000_000)
    _ = try await cache.value(Self.key, load: load)
    #expect(await loads.count == 2)
    let none: @Sendable () async throws -> String? = {
      await loads.add()
      return nil
    }
    _ = try await cache.value(.session(tokenHash: "unknown"), load: none)
    _ = try await cache.value(.session(tokenHash: "unknown"), load: none)
    #expect(await loads.count == 4, "an unknown session is asked again every time")
  }

  @Test func theCacheStaysWithinItsCapacity() async throws {
    let cache = ReadCache(lifetime: Self.long, capacity: 8)
    for i in 0..<100 {
      _ = try await cache.value(.session(tokenHash: "t\(i)")) { () async throws -> Int? in i }
      #expect(cache.count <= 8)
    }
  }

  /// Through the store's own calls, on both engines: whatever a write changes, the very next read shows.
  @Test(arguments: Engine.allCases)
  func theNextReadAfterAWriteSeesIt(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let circle = try await store.createCircle(
        NewCircle(name: "North", area: "Northtown"), coop: coop.id, by: admin.id, env: clock.env)
      let person = try await store.createPerson(
        NewPerson(
          name: "Pat", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: "Easy Read"),
        coop: coop.id, by: admin.id, env: clock.env)
      let today = Day(clock.env.now())
      // Read each twice (the second from memory on SQLite), then write, then read.
      try await store.createSession(tokenHash: "s", account: admin.id, kind: "web", at: clock.env.now())
      for _ in 0..<2 { #expect(try await store.session(tokenHash: "s", now: clock.env.now(), idle: 600) != nil) }
      try await store.deleteSession(tokenHash: "s")
      #expect(try await store.session(tokenHash: "s", now: clock.env.now(), idle: 600) == nil, "signed out at once")

      for _ in 0..<2 {
        #expect(try await store.team(person.id, coop: coop.id)?.person.communicationNeeds == "Easy Read")
      }
      _ = try await store.changePersonDetails(
        person.id, PersonDetails(circleID: circle.id.description, communicationNeeds: "Large print"), coop: coop.id,
        by: admin.id, onBehalfOf: nil, env: clock.env)
      #expect(try await store.team(person.id, coop: coop.id)?.person.communicationNeeds == "Large print")

      for _ in 0..<2 { #expect(try await store.actor(for: admin, on: today).circleIDs.isEmpty) }
      try await store.joinCircle(circle.id, account: admin.id, coop: coop.id, env: clock.env)
      #expect(try await store.actor(for: admin, on: today).circleIDs == [circle.id])
    }
  }

  /// Another process writing the same SQLite file (an operator's `carecoop coop` command) is seen once
  /// what was kept is older than its lifetime (2 s).
  @Test func anotherProcessesWriteIsSeenWithinTheLifetime() async throws {
    try await withStore(.sqlite) { store, clock in
      let (coop, admin) = try await setUpCoop(store, clock)
      let circle = try await store.createCircle(
        NewCircle(name: "North", area: "Northtown"), coop: coop.id, by: admin.id, env: clock.env)
      let person = try await store.createPerson(
        NewPerson(
          name: "Pat", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: "Easy Read"),
        coop: coop.id, by: admin.id, env: clock.env)
      #expect(try await store.team(person.id, coop: coop.id)?.person.communicationNeeds == "Easy Read")
      let other = try Store(store.location, logger: store.logger)
      _ = try await other.changePersonDetails(
        person.id, PersonDetails(circleID: circle.id.description, communicationNeeds: "Large print"), coop: coop.id,
        by: admin.id, onBehalfOf: nil, env: clock.env)
      await other.shutdown()
      try await Task.sleep(nanoseconds: 2_100_000_000)
      #expect(try await store.team(person.id, coop: coop.id)?.person.communicationNeeds == "Large print")
    }
  }
}
