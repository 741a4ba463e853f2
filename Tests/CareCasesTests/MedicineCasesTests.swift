import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// A person's medicines on both engines: kept by the team, changed only with the person's (or arranger's)
/// say, recorded at visits against the list, told to the team when a dose is refused or missed, and read
/// back as the chart.
@Suite("Use cases: medicines")
struct MedicineCasesTests {
  static func details(_ name: String, times: [Int], givenBy: MedicineGiver = .worker, asNeeded: Bool = false)
    -> MedicineDetails
  {
    MedicineDetails(
      name: name, dose: "500 mg, 1 tablet", route: .mouth, times: times, asNeeded: asNeeded,
      purpose: "Blood pressure", givenBy: givenBy, instructions: "With food")
  }

  @Test(arguments: Engine.allCases)
  func theListChangesOnlyWithThePersonsSay(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      let person = demo.person.id
      let family = try await w.cases.requester(for: demo.family)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let before = try await w.cases.medicines(person, by: x.person).list.current.count
      // Family propose: it waits for the person's answer, and the person is told.
      let proposed = try await w.cases.proposeMedicine(
        MedicineChange(medicine: nil, details: Self.details("Amlodipine", times: [480])), person: person, by: family)
      #expect(proposed.status == .proposed)
      var model = try await w.cases.medicines(person, by: x.person)
      #expect(model.list.current.count == before && model.list.waiting.map(\.id).contains(proposed.id))
      #expect(model.mayAnswer && model.mayPropose)
      #expect(
        try await w.store.messages(for: demo.personAccount.id).contains {
          $0.subject == "A change to the medicines is waiting for your answer" && $0.body.contains("Amlodipine")
        })
      // Family cannot answer; the person can, once.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.answerMedicine(proposed.id, agree: true, person: person, by: family)
      }
      try await w.cases.answerMedicine(proposed.id, agree: true, person: person, by: x.person)
      await #expect(throws: CareError.conflict(FieldError("version", "This change has already been answered"))) {
        try await w.cases.answerMedicine(proposed.id, agree: false, person: person, by: arranger)
      }
      model = try await w.cases.medicines(person, by: x.person)
      #expect(model.list.current.contains { $0.medicineID == proposed.medicineID && $0.details.times == [480] })
      // The arranger's own change counts at once, on the person's behalf; a change needs a reason.
      await #expect(throws: CareError.invalid([FieldError("reason", "Enter why it changes")])) {
        try await w.cases.proposeMedicine(
          MedicineChange(medicine: proposed.medicineID, details: Self.details("Amlodipine", times: [540])),
          person: person, by: arranger)
      }
      let moved = try await w.cases.proposeMedicine(
        MedicineChange(
          medicine: proposed.medicineID, details: Self.details("Amlodipine", times: [540]), reason: "GP said later"),
        person: person, by: arranger)
      #expect(moved.status == .agreed && moved.version == 2)
      model = try await w.cases.medicines(person, by: family)
      #expect(model.list.current.first { $0.medicineID == proposed.medicineID }?.details.times == [540])
      // One change at a time: a second while one waits is refused.
      _ = try await w.cases.proposeMedicine(
        MedicineChange(
          medicine: proposed.medicineID, details: Self.details("Amlodipine", times: [600]), stops: true,
          reason: "Not needed any more"), person: person, by: family)
      await #expect(throws: CareError.self) {
        try await w.cases.proposeMedicine(
          MedicineChange(
            medicine: proposed.medicineID, details: Self.details("Amlodipine", times: [600]), reason: "Again"),
          person: person, by: family)
      }
      let stop = try #require(try await w.cases.medicines(person, by: x.person).list.waiting.first { $0.stops })
      try await w.cases.answerMedicine(stop.id, agree: true, person: person, by: arranger)
      model = try await w.cases.medicines(person, by: x.person)
      #expect(!model.list.current.contains { $0.medicineID == proposed.medicineID })
      #expect(model.list.history(of: proposed.medicineID).map(\.version) == [1, 2, 3])
      // Bad details: every problem at once, nothing kept.
      await #expect(throws: CareError.self) {
        try await w.cases.proposeMedicine(
          MedicineChange(medicine: nil, details: Self.details(" ", times: [])), person: person, by: family)
      }
      #expect(try await w.cases.medicines(person, by: x.person).list.versions.count == model.list.versions.count)
      // Who may look: the rota keeper sees the team but not the medicines; outside the team, nothing.
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      await #expect(throws: CareError.forbidden) { try await w.cases.medicines(person, by: keeper) }
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) { try await w.cases.medicines(person, by: outsider) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.proposeMedicine(
          MedicineChange(medicine: nil, details: Self.details("Aspirin", times: [480])), person: person, by: outsider)
      }
      // Each look is in the person's who-looked log; the arranger's answers name the person.
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person, limit: 1000)
      #expect(log.filter { $0.action == .viewMedicines }.count == 7)
      #expect(log.first { $0.action == .agreeMedicine && $0.actorID == demo.arranger.id }?.onBehalfOf == person)
    }
  }

  @Test(arguments: Engine.allCases)
  func dosesAreWrittenAgainstTheListAndMissedOnesTold(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      let person = demo.person.id
      let arranger = try await w.cases.requester(for: demo.arranger)
      // Due at the visit's start, and again late at night (no visit then); one family give; one as needed.
      let due = try await w.cases.proposeMedicine(
        MedicineChange(medicine: nil, details: Self.details("Ramipril", times: [x.visit.start, 3 * 60])),
        person: person, by: arranger)
      let familyGive = try await w.cases.proposeMedicine(
        MedicineChange(medicine: nil, details: Self.details("Eye drops", times: [x.visit.start], givenBy: .family)),
        person: person, by: arranger)
      let painkiller = try await w.cases.proposeMedicine(
        MedicineChange(medicine: nil, details: Self.details("Paracetamol", times: [], asNeeded: true)),
        person: person, by: arranger)
      let model = try await w.cases.visitRecord(x.visit.id, by: x.worker)
      let forms = model.dueDoses.filter { [due.id, familyGive.id, painkiller.id].contains($0.version.id) }
      #expect(
        forms.map(\.formName).sorted()
          == ["med-\(due.medicineID)-\(x.visit.start)", "med-\(painkiller.medicineID)-asNeeded"].sorted())
      func dose(
        _ v: MedicineVersion, at: Int?, _ outcome: MedicineOutcome?, text: String? = nil, after: TimeInterval = 300
      ) -> NewRecordEntry {
        NewRecordEntry(
          id: UUID(), kind: .medicine, text: text, deviceAt: x.start.addingTimeInterval(after),
          medicineID: v.medicineID.rawValue, doseAt: at, medicineOutcome: outcome)
      }
      let before = try await w.store.messages(for: demo.family.id).count
      // Refused: nothing is kept of a sending with a problem, and every problem is named.
      let stranger = MedicineVersion(
        id: ID(UUID()), medicineID: ID(UUID()), personID: person, version: 1, details: due.details, stops: false,
        reason: "", proposedBy: demo.arranger.id, proposedAt: x.start, answeredBy: nil, answeredAt: nil,
        status: .agreed)
      let problems: [(NewRecordEntry, FieldError)] = [
        (
          dose(stranger, at: x.visit.start, .given),
          FieldError("entries[0].medicineID", "This medicine is not on their list")
        ),
        (dose(due, at: 3 * 60, .given), FieldError("entries[0].doseAt", "This dose is not due at this visit")),
        (
          dose(familyGive, at: x.visit.start, .given),
          FieldError("entries[0].medicineID", "Family give this medicine, not at visits")
        ),
        (dose(due, at: x.visit.start, .refused), FieldError("entries[0].text", "Enter why it was refused")),
        (dose(due, at: x.visit.start, nil), FieldError("entries[0].medicineOutcome", "Say whether it was given")),
        (dose(due, at: nil, .given), FieldError("entries[0].doseAt", "Say which dose time")),
      ]
      for (entry, problem) in problems {
        await #expect(throws: CareError.invalid([problem])) {
          try await w.cases.writeRecord(x.visit.id, entries: [entry], by: x.worker)
        }
      }
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.worker).lines.isEmpty)
      // Refused with the reason, and a painkiller given: kept; the team is told of the refusal at once.
      let refused = dose(due, at: x.visit.start, .refused, text: "Said it makes her dizzy")
      let given = dose(painkiller, at: nil, .given)
      let written = try await w.cases.writeRecord(x.visit.id, entries: [refused, given], by: x.worker)
      #expect(written.added == 2)
      let told = try await w.store.messages(for: demo.family.id)
      #expect(told.count == before + 1)
      #expect(told.first { $0.subject.hasPrefix("Medicine not taken") }?.body.contains("Ramipril") == true)
      #expect(told.first { $0.subject.hasPrefix("Medicine not taken") }?.body.contains("dizzy") == true)
      // The same sending again (lost answer): nothing new, nobody told twice.
      let again = try await w.cases.writeRecord(x.visit.id, entries: [refused, given], by: x.worker)
      #expect((again.added, again.repeated) == (0, 2))
      #expect(try await w.store.messages(for: demo.family.id).count == before + 1)
      // Two phones writing the same dose, neither correcting: both kept, flagged.
      _ = try await w.cases.writeRecord(
        x.visit.id, entries: [dose(due, at: x.visit.start, .given, after: 600)], by: x.worker)
      let record = try await w.cases.visitRecord(x.visit.id, by: x.person)
      #expect(
        record.lines.filter {
          $0.entry.kind == .medicine && $0.entry.medicine?.medicineID == due.medicineID && $0.isConflict
        }.count == 2)
      // The chart: both letters on the visit's day in the dose's row; as-needed in its own row.
      let chart = try await w.cases.medicineChart(person, from: x.visit.day.adding(days: -3), by: x.person)
      let column = try #require(chart.chart.days.firstIndex(of: x.visit.day))
      let row = try #require(chart.chart.rows.first { $0.medicineID == due.medicineID && $0.doseAt == x.visit.start })
      #expect(row.marks[column] == .recorded([.refused, .given]))
      #expect(row.reasons.map(\.text) == ["Said it makes her dizzy"])
      let asNeeded = try #require(chart.chart.rows.first { $0.medicineID == painkiller.medicineID && $0.doseAt == nil })
      #expect(asNeeded.marks[column] == .recorded([.given]))
      // The dose at three in the morning has no visit: not due at a visit.
      let night = try #require(chart.chart.rows.first { $0.medicineID == due.medicineID && $0.doseAt == 3 * 60 })
      #expect(night.marks[column] == .notDue)
      // A worker outside the team never sees the chart.
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) {
        try await w.cases.medicineChart(person, from: nil, by: outsider)
      }
    }
  }
}
