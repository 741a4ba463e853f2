import CareCore
import CareLedger
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Undoing a banking or drawing that was a mistake, on both engines: a new entry that turns it over, with
/// why, never an edit; once only; refused when the hours are no longer there to move back.
@Suite("Use cases: undoing a banking or drawing")
struct HoursCorrectionTests {
  @Test(arguments: Engine.allCases)
  func aMistakeIsUndoneByANewEntryWithWhy(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await HoursCasesTests.world(w)
      let person = x.demo.person.id
      let agreement = try await w.cases.recordFunding(HoursCasesTests.terms(w), person: person, by: x.finance)
      let banked = try await w.cases.bankHours(120, agreement: agreement.id, person: person, by: x.arranger).record
      // Only the person's side undoes; a reason is needed; the co-op's entries are not undone here.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.correctHours(banked.entry.id, person: person, reason: "Mistake", by: x.worker)
      }
      await #expect(throws: CareError.invalid("reason", "Enter why it is undone")) {
        try await w.cases.correctHours(banked.entry.id, person: person, reason: " ", by: x.person)
      }
      let given = try #require(
        try await w.cases.hours(person, by: x.person).agreements[0].records.first { $0.entry.kind == .allocate })
      await #expect(
        throws: CareError.invalid(
          "entry", "Only banking and drawing are undone here: a visit's hours follow its confirmed times")
      ) { try await w.cases.correctHours(given.entry.id, person: person, reason: "No", by: x.person) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.correctHours(UUID(), person: person, reason: "No", by: x.person)
      }
      // Undone: the two hours are back to use this week; the banking stays in the history, with the undoing.
      let undone = try await w.cases.correctHours(
        banked.entry.id, person: person, reason: "Pressed the wrong button", by: x.person
      ).record
      #expect(undone.entry.kind == .reverse && undone.entry.reverses == banked.entry.id)
      #expect(undone.reason == "undone: Pressed the wrong button" && undone.actorID == x.person.account.id)
      var hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked) == (600, 0))
      #expect(hours.records.contains { $0.entry.id == banked.entry.id })
      await #expect(throws: CareError.conflict(FieldError("entry", "That has been undone already"))) {
        try await w.cases.correctHours(banked.entry.id, person: person, reason: "Again", by: x.person)
      }
      // A banking whose hours were drawn since cannot be undone in full: said so, nothing kept.
      let again = try await w.cases.bankHours(60, agreement: agreement.id, person: person, by: x.person).record
      try await w.cases.drawHours(45, agreement: agreement.id, person: person, by: x.person)
      await #expect(
        throws: CareError.conflict(
          FieldError("entry", "It cannot be undone: only 15 minutes of it are still in the bank"))
      ) { try await w.cases.correctHours(again.entry.id, person: person, reason: "Mistake", by: x.person) }
      hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked) == (585, 15))
      // With a key: sent again, the first answer.
      let drawn = try await w.cases.drawHours(15, agreement: agreement.id, person: person, by: x.person).record
      let first = try await w.cases.correctHours(
        drawn.entry.id, person: person, reason: "Not needed", key: "undo-1", by: x.arranger)
      let replay = try await w.cases.correctHours(
        drawn.entry.id, person: person, reason: "Not needed", key: "undo-1", by: x.arranger)
      guard case .posted(let kept) = first, case .replayed(let same) = replay else {
        Issue.record("the undoing was not kept once and replayed")
        return
      }
      #expect(kept.entry.id == same.entry.id)
      hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked) == (585, 15))
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person, limit: 100)
      #expect(log.filter { $0.action == .correctHours }.count == 2)
      #expect(log.contains { $0.action == .correctHours && $0.onBehalfOf == person })
    }
  }
}
