import CareTestSupport
import Foundation
import Testing

@testable import CareCore
@testable import CareStore

@Suite("Store: durable jobs")
struct JobTests {
  /// 32 workers at once, 10 jobs: every job goes to exactly one worker (PostgreSQL: `SKIP LOCKED`).
  @Test(arguments: Engine.allCases)
  func racingWorkersEachGetADifferentJob(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      for n in 0..<10 { try await store.enqueue("test", payload: "\(n)", env: clock.env) }
      let now = clock.env.now()
      let claimed = try await withThrowingTaskGroup(of: Job?.self) { group in
        for worker in 0..<32 {
          group.addTask { try await store.claimJob(by: "worker-\(worker)", now: now, lease: 60) }
        }
        var jobs: [Job] = []
        for try await job in group { if let job { jobs.append(job) } }
        return jobs
      }
      #expect(claimed.count == 10)
      #expect(Set(claimed.map(\.id)).count == 10)
      #expect(Set(claimed.map(\.payload)) == Set((0..<10).map { "\($0)" }))
      #expect(try await store.claimJob(by: "late", now: now, lease: 60) == nil)
    }
  }

  /// A job queued before a restart is there after it; one whose worker died is claimed again once its lease
  /// is over, and a job completed is never claimed again.
  @Test(arguments: Engine.allCases)
  func jobsOutliveRestartsAndDeadWorkers(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      try await store.enqueue("test", payload: "kept", env: clock.env)
      let restarted = try Store(store.location, logger: testLogger)
      let first = try #require(try await restarted.claimJob(by: "a", now: clock.env.now(), lease: 60))
      #expect(first.payload == "kept" && first.attempts == 1)
      await restarted.shutdown()
      // Worker "a" died holding it: nobody gets it during the lease, someone does after.
      #expect(try await store.claimJob(by: "b", now: clock.env.now().addingTimeInterval(30), lease: 60) == nil)
      let again = try #require(
        try await store.claimJob(by: "b", now: clock.env.now().addingTimeInterval(61), lease: 60))
      #expect(again.id == first.id && again.attempts == 2)
      // "a" coming back cannot complete what "b" now holds; "b" can.
      try await store.completeJob(first.id, by: "a", now: clock.env.now())
      #expect(try await store.jobCounts().waiting == 1)
      try await store.completeJob(first.id, by: "b", now: clock.env.now())
      #expect(try await store.jobCounts().waiting == 0)
      #expect(try await store.claimJob(by: "c", now: clock.env.now().addingTimeInterval(3600), lease: 60) == nil)
    }
  }

  /// A failed job waits before its next try; given up, it stays with its error and never runs again.
  @Test(arguments: Engine.allCases)
  func failedJobsWaitThenGiveUp(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      try await store.enqueue("test", payload: "{}", env: clock.env)
      let now = clock.env.now()
      let job = try #require(try await store.claimJob(by: "a", now: now, lease: 60))
      try await store.failJob(job.id, by: "a", error: "no mail server", retryAt: now.addingTimeInterval(120), now: now)
      #expect(try await store.claimJob(by: "a", now: now.addingTimeInterval(60), lease: 60) == nil)
      let retried = try #require(try await store.claimJob(by: "a", now: now.addingTimeInterval(121), lease: 60))
      try await store.failJob(retried.id, by: "a", error: "still no mail server", retryAt: nil, now: now)
      #expect(try await store.claimJob(by: "a", now: now.addingTimeInterval(100_000), lease: 60) == nil)
      let counts = try await store.jobCounts()
      #expect(counts.waiting == 0 && counts.failed == 1)
    }
  }
}
