import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// A second hat holder's approval for privileged hats, on both engines: once the members decide so, handing
/// the finance hat over only asks; the asker and the one named cannot approve it; another privileged holder
/// approves and the hat changes hands in the same step; an answer is given once; a request lapses after 14
/// days; a refusal changes nothing; hats that are not privileged still change hands at once.
@Suite("Use cases: a second holder's approval for privileged hats")
struct HandoverApprovalCasesTests {
  @Test(arguments: Engine.allCases)
  func aSecondHolderApprovesAndOnlyThenTheHatChangesHands(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let hats = try await w.store.hats(coop: demo.coop.id)
      // Before the decision: a safeguarding lead is handed over at once (a second privileged holder).
      let lead = try #require(hats.first { $0.hat.kind == .safeguardingLead })
      let handed = try await w.cases.handOver(
        lead.hat.id,
        Handover(toAccountID: demo.sameCircleWorker.id.description, termStart: w.cases.today.iso, termEnd: nil),
        by: admin)
      #expect(handed.waiting == nil)
      // The members decide; the administrator hands the finance hat to the team worker: it only asks.
      let request = try await w.cases.seedDemoSecondApproval(demo)
      let finance = try #require(try await w.store.hat(request.hatID, coop: demo.coop.id))
      #expect(finance.hat.kind == .finance)
      #expect(!finance.current(on: w.cases.today).contains { $0.1.id == demo.teamWorker.id })
      #expect(
        try await w.store.messages(for: demo.sameCircleWorker.id).contains {
          $0.subject == "A hand-over waits for your approval: \(finance.hat.name)"
        })
      // Not the asker, not the one named, not someone without a privileged hat.
      for who in [demo.admin, demo.teamWorker, demo.family] {
        await #expect(throws: CareError.forbidden) {
          try await w.cases.answerHandover(
            request.id, hat: finance.hat.id, answer: "approve", reason: nil, by: try await w.cases.requester(for: who))
        }
      }
      let sal = try await w.cases.requester(for: demo.sameCircleWorker)
      #expect(try await w.cases.hat(finance.hat.id, by: sal).mayApprove == [request.id])
      await #expect(throws: CareError.invalid("answer", "Choose to approve the hand-over or refuse it")) {
        try await w.cases.answerHandover(request.id, hat: finance.hat.id, answer: "maybe", reason: nil, by: sal)
      }
      // The second holder approves: the team worker wears it from today; the asker and the named are told.
      let approved = try await w.cases.answerHandover(
        request.id, hat: finance.hat.id, answer: "approve", reason: "Known to us for years", by: sal)
      #expect(approved.answer?.approved == true && approved.answer?.by == demo.sameCircleWorker.id)
      let after = try #require(try await w.store.hat(finance.hat.id, coop: demo.coop.id))
      #expect(after.current(on: w.cases.today).map(\.1.id).contains(demo.teamWorker.id))
      #expect(
        try await w.store.messages(for: demo.admin.id).contains {
          $0.subject == "The hand-over of “\(finance.hat.name)” was approved"
        })
      // Once only.
      await #expect(throws: CareError.self) {
        try await w.cases.answerHandover(request.id, hat: finance.hat.id, answer: "refuse", reason: nil, by: sal)
      }
      // A hat that is not privileged still changes hands at once.
      let keeper = try #require(hats.first { $0.hat.kind == .rotaKeeper })
      let kept = try await w.cases.handOver(
        keeper.hat.id,
        Handover(toAccountID: demo.family.id.description, termStart: w.cases.today.iso, termEnd: nil), by: admin)
      #expect(kept.waiting == nil)
      // Nothing is rewritten.
      let sql = try #require(w.store.db as? any SQLDatabase)
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM handover_answers").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func aRefusalChangesNothingAndAnUnansweredRequestLapses(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let lead = try #require(try await w.store.hats(coop: demo.coop.id).first { $0.hat.kind == .safeguardingLead })
      _ = try await w.cases.handOver(
        lead.hat.id,
        Handover(toAccountID: demo.sameCircleWorker.id.description, termStart: w.cases.today.iso, termEnd: nil),
        by: admin)
      let first = try await w.cases.seedDemoSecondApproval(demo)
      let sal = try await w.cases.requester(for: demo.sameCircleWorker)
      let before = try #require(try await w.store.hat(first.hatID, coop: demo.coop.id)).history
      try await w.cases.answerHandover(first.id, hat: first.hatID, answer: "refuse", reason: "Ask the members", by: sal)
      #expect(try #require(try await w.store.hat(first.hatID, coop: demo.coop.id)).history.map(\.0) == before.map(\.0))
      // Asked again and left: after 14 days it can no longer be approved.
      let finance = try #require(try await w.store.hat(first.hatID, coop: demo.coop.id))
      let again = try await w.cases.handOver(
        finance.hat.id,
        Handover(
          toAccountID: demo.teamWorker.id.description, termStart: w.cases.today.iso, termEnd: nil,
          replacing: finance.history.first { $0.0.endedOn == nil }?.0.id.description ?? ""),
        by: admin)
      let waiting = try #require(again.waiting)
      w.clock.advance(Double(HandoverRequest.lapsesAfterDays) * 86_400 + 60)
      let refreshed = try await w.cases.requester(for: demo.sameCircleWorker)
      #expect(try await w.cases.hat(finance.hat.id, by: refreshed).mayApprove.isEmpty)
      await #expect(throws: CareError.self) {
        try await w.cases.answerHandover(waiting.id, hat: finance.hat.id, answer: "approve", reason: nil, by: refreshed)
      }
      // A request of another hat is not found under this one.
      await #expect(throws: CareError.notFound) {
        try await w.cases.answerHandover(waiting.id, hat: lead.hat.id, answer: "approve", reason: nil, by: refreshed)
      }
    }
  }
}
