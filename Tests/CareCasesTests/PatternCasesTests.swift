import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// The person's support pattern through the use cases, on both engines: anyone in the team proposes; it
/// counts only once the person (or their arranger, for them) agrees; every version kept.
@Suite("Use cases: support patterns and homes")
struct PatternCasesTests {
  @Test(arguments: Engine.allCases)
  func theTeamProposesAndOnlyThePersonOrTheirArrangerAgrees(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = try await w.cases.requester(for: demo.personAccount)
      let family = try await w.cases.requester(for: demo.family)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let outsider = try await w.cases.requester(for: demo.sameCircleWorker)
      let before = try await w.cases.pattern(demo.person.id, by: family)
      let current = try #require(before.inEffect)
      #expect(before.mayPropose && !before.mayAnswer && !before.mayChangeHome)
      #expect(try await w.cases.pattern(demo.person.id, by: person).mayAnswer)
      await #expect(throws: CareError.notFound) { try await w.cases.pattern(demo.person.id, by: outsider) }

      // The family proposes one visit fewer, from tomorrow.
      var changed = current.pattern
      changed.visits.removeLast()
      let tomorrow = w.cases.today.adding(days: 1)
      let proposed = try await w.cases.proposePattern(changed, from: tomorrow, person: demo.person.id, by: family)
      #expect(proposed.status == .proposed)
      #expect(proposed.proposedBy == demo.family.id)
      #expect(try await w.cases.messages(by: person).contains { $0.subject.contains("waiting for your answer") })
      var now = try await w.cases.pattern(demo.person.id, by: person)
      #expect(now.waiting.map(\.id) == [proposed.id])
      #expect(now.inEffect?.id == current.id, "a proposal changes nothing until agreed")

      // Only the person or their arranger answers.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.answerPattern(proposed.id, agree: true, person: demo.person.id, by: family)
      }
      let agreed = try await w.cases.answerPattern(proposed.id, agree: true, person: demo.person.id, by: arranger)
      #expect(agreed.status == .agreed)
      #expect(agreed.answeredBy == demo.arranger.id)
      await #expect(throws: CareError.conflict(FieldError("version", "This change has already been answered"))) {
        try await w.cases.answerPattern(proposed.id, agree: false, person: demo.person.id, by: person)
      }
      w.clock.advance(2 * 86_400)
      now = try await w.cases.pattern(demo.person.id, by: person)
      #expect(now.inEffect?.id == proposed.id)
      #expect(now.versions.count == before.versions.count + 1, "every version kept")
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: demo.person.id)
      #expect(log.contains { $0.action == .agreePattern && $0.onBehalfOf == demo.person.id })
    }
  }

  @Test(arguments: Engine.allCases)
  func badProposalsAndHomesAreRefusedAndKeepNothing(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let family = try await w.cases.requester(for: demo.family)
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      let current = try #require(try await w.cases.pattern(demo.person.id, by: family).inEffect)
      let count = try await w.cases.pattern(demo.person.id, by: family).versions.count
      var outsider = current.pattern
      outsider.chosen = [demo.otherCircleWorker.id]
      await #expect(throws: CareError.invalid([FieldError("chosen", "Choose workers from the team")])) {
        try await w.cases.proposePattern(outsider, from: w.cases.today, person: demo.person.id, by: family)
      }
      var overlapping = current.pattern
      overlapping.visits.append(overlapping.visits[0])
      await #expect(throws: CareError.self) {
        try await w.cases.proposePattern(overlapping, from: w.cases.today, person: demo.person.id, by: family)
      }
      await #expect(throws: CareError.conflict(FieldError("from", "A change starts today or later"))) {
        try await w.cases.proposePattern(
          current.pattern, from: w.cases.today.adding(days: -1), person: demo.person.id, by: family)
      }
      #expect(try await w.cases.pattern(demo.person.id, by: family).versions.count == count)
      // The home: the rota keeper may set it, the family may not.
      let home = Home(
        address: "2 New Road", postcode: "hx7 9zz", position: GeoPoint(latitude: 53.74, longitude: -2.0)!,
        hasPets: false)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.changeHome(home, person: demo.person.id, by: family)
      }
      try await w.cases.changeHome(home, person: demo.person.id, by: keeper)
      let shown = try #require(try await w.cases.pattern(demo.person.id, by: family).home)
      #expect(shown.address == "2 New Road")
      #expect(shown.postcode == "HX7 9ZZ")
    }
  }
}
