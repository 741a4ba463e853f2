import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// Visit records on the demo co-op's published week, on both engines: the visit's worker writes the record
/// as it happens (or later, from a phone back in signal, maybe twice); corrections are new entries; the
/// person and their team read as much as each may, and every look is in the person's who-looked log.
@Suite("Use cases: visit records")
struct RecordCasesTests {
  struct World {
    let demo: WeekPublishingTests.Demo
    let visit: RotaVisit
    let worker: Requester
    let person: Requester
    let start: Date
    let end: Date
  }

  /// A published visit of the demo person this week, with its worker.
  static func world(_ w: CasesWorld) async throws -> World {
    let d = try await WeekPublishingTests.demo(w)
    let person = try await w.cases.requester(for: d.demo.personAccount)
    let thisWeek = CoopCalendar.london.weekStart(of: w.cases.today)
    let week = try await w.cases.personWeek(d.demo.person.id, monday: thisWeek, by: person)
    let visit = try #require(week.visits.first { $0.visit.partnerID == nil }?.visit)
    let worker = try await w.cases.requester(for: try #require(try await w.store.account(visit.workerID)))
    let start = CoopCalendar.london.instant(on: visit.day, atMinute: visit.start)
    return World(
      demo: d, visit: visit, worker: worker, person: person, start: start,
      end: start.addingTimeInterval(TimeInterval(visit.length * 60)))
  }

  static func entries(_ x: World) -> [NewRecordEntry] {
    let task = x.visit.tasks.sorted()[0]
    return [
      NewRecordEntry(id: UUID(), kind: .checkIn, deviceAt: x.start.addingTimeInterval(120)),
      NewRecordEntry(id: UUID(), kind: .task, task: task, outcome: .done, deviceAt: x.start.addingTimeInterval(600)),
      NewRecordEntry(
        id: UUID(), kind: .note, text: "Had a shower; skin on the left heel a little red.", isPersonalCare: true,
        deviceAt: x.start.addingTimeInterval(900)),
      NewRecordEntry(
        id: UUID(), kind: .wellbeing, wellbeing: 4, text: "Good, looking forward to the football",
        deviceAt: x.start.addingTimeInterval(1000)),
      NewRecordEntry(
        id: UUID(), kind: .safety, waterInReach: true, pendantInReach: true, deviceAt: x.end.addingTimeInterval(-60)),
      NewRecordEntry(id: UUID(), kind: .checkOut, deviceAt: x.end),
    ]
  }

  @Test(arguments: Engine.allCases)
  func aRecordSentTwiceIsKeptOnce(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let sent = Self.entries(x)
      let first = try await w.cases.writeRecord(x.visit.id, entries: sent, by: x.worker)
      #expect((first.added, first.repeated) == (6, 0))
      // The answer was lost in poor signal: the phone sends it all again.
      let again = try await w.cases.writeRecord(x.visit.id, entries: sent, by: x.worker)
      #expect((again.added, again.repeated) == (0, 6))
      let record = try await w.cases.visitRecord(x.visit.id, by: x.worker)
      #expect(record.lines.count == 6)
      #expect(record.mayWrite && record.isCheckedIn && record.isCheckedOut)
      #expect(record.record.arrived == sent[0].deviceAt && record.record.left == sent[5].deviceAt)
      #expect(record.lines.allSatisfy { !$0.isLate && !$0.isFarFromPlanned && !$0.isConflict })
      // The same id saying something else is refused, and nothing else in that sending is kept.
      var changed = sent[2]
      changed.text = "Something else"
      let extra = NewRecordEntry(id: UUID(), kind: .note, text: "Another note", deviceAt: x.end)
      await #expect(
        throws: CareError.conflict(
          FieldError("entries[1].id", "An entry with this id was already sent saying something else"))
      ) {
        try await w.cases.writeRecord(x.visit.id, entries: [extra, changed], by: x.worker)
      }
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.worker).lines.count == 6)
      let log = try await w.store.auditEvents(coop: x.demo.demo.coop.id, person: x.demo.demo.person.id, limit: 500)
      #expect(log.filter { $0.action == .writeRecord }.count == 1, "one line for the sending that kept something")
    }
  }

  /// A phone that retries while the first sending is still on its way: the same batch arrives eight times
  /// at once. Each entry is kept once, on PostgreSQL's pool as on SQLite.
  @Test(arguments: Engine.allCases)
  func theSameSendingRacingItselfIsKeptOnce(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let sent = Self.entries(x)
      let results = try await withThrowingTaskGroup(of: RecordWrite.self) { group in
        for _ in 0..<8 { group.addTask { try await w.cases.writeRecord(x.visit.id, entries: sent, by: x.worker) } }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(results.map(\.added).reduce(0, +) == sent.count)
      #expect(results.allSatisfy { $0.added + $0.repeated == sent.count })
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.person).lines.count == sent.count)
    }
  }

  @Test(arguments: Engine.allCases)
  func mistakesAreRefusedAndWriteNothing(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      func refused(_ entries: [NewRecordEntry], by who: Requester? = nil) async -> CareError? {
        do {
          try await w.cases.writeRecord(x.visit.id, entries: entries, by: who ?? x.worker)
          return nil
        } catch let error as CareError {
          return error
        } catch {
          return nil
        }
      }
      let out = NewRecordEntry(id: UUID(), kind: .checkOut, deviceAt: x.end)
      #expect(await refused([out]) == .conflict(FieldError("entries[0].kind", "Check in before checking out")))
      let checkIn = NewRecordEntry(id: UUID(), kind: .checkIn, deviceAt: x.start)
      let early = NewRecordEntry(id: UUID(), kind: .checkOut, deviceAt: x.start.addingTimeInterval(-60))
      #expect(await refused([checkIn, early]) != nil, "leaving before arriving")
      let notThisVisit = VisitTask.allCases.first { !x.visit.tasks.contains($0) }!
      let wrongTask = NewRecordEntry(id: UUID(), kind: .task, task: notThisVisit, outcome: .done, deviceAt: x.start)
      #expect(
        await refused([checkIn, wrongTask])
          == .invalid([FieldError("entries[1].task", "This task is not part of this visit")]))
      let noReason = NewRecordEntry(
        id: UUID(), kind: .task, task: x.visit.tasks.sorted()[0], outcome: .notDone, deviceAt: x.start)
      if case .invalid(let problems)? = await refused([noReason]) {
        #expect(problems.map(\.field) == ["entries[0].text"])
      } else {
        Issue.record("a task not done needs a reason")
      }
      #expect(await refused([NewRecordEntry(id: UUID(), kind: .wellbeing, wellbeing: 9, deviceAt: x.start)]) != nil)
      #expect(await refused([NewRecordEntry(id: UUID(), kind: .safety, waterInReach: true, deviceAt: x.start)]) != nil)
      // Someone who is not on the visit: a worker of the circle outside the team learns nothing; the
      // person's own family may see the team but do not write a worker's record.
      let outsider = try await w.cases.requester(for: x.demo.demo.sameCircleWorker)
      #expect(await refused([checkIn], by: outsider) == .notFound)
      let family = try await w.cases.requester(for: x.demo.demo.family)
      #expect(await refused([checkIn], by: family) == .forbidden)
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.person).lines.isEmpty, "nothing was kept")
      // A correction needs a reason, and only corrects the author's own entry of the same kind.
      try await w.cases.writeRecord(x.visit.id, entries: [checkIn], by: x.worker)
      var fix = NewRecordEntry(id: UUID(), kind: .checkIn, deviceAt: x.start, corrects: checkIn.id)
      if case .invalid(let problems)? = await refused([fix]) {
        #expect(problems.map(\.field) == ["entries[0].correctionReason"])
      } else {
        Issue.record("a correction needs a reason")
      }
      fix.kind = .checkOut
      fix.correctionReason = "Wrong button"
      #expect(await refused([fix]) != nil, "a check-out does not correct a check-in")
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.person).lines.count == 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func correctionsAndTwoPhonesAreKeptAndShown(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let arrived = NewRecordEntry(id: UUID(), kind: .checkIn, deviceAt: x.start.addingTimeInterval(3 * 3600))
      try await w.cases.writeRecord(x.visit.id, entries: [arrived], by: x.worker)
      var record = try await w.cases.visitRecord(x.visit.id, by: x.worker)
      #expect(record.lines[0].isFarFromPlanned, "three hours after the planned time is marked")
      #expect(record.lines[0].isLate, "written on the phone after the visit's end")
      // The phone's clock was wrong: a correction, with a reason; the old entry stays, shown as corrected.
      let fix = NewRecordEntry(
        id: UUID(), kind: .checkIn, deviceAt: x.start, corrects: arrived.id, correctionReason: "Phone clock was wrong")
      try await w.cases.writeRecord(x.visit.id, entries: [fix], by: x.worker)
      record = try await w.cases.visitRecord(x.visit.id, by: x.worker)
      #expect(record.lines.count == 2)
      #expect(record.lines.first { $0.entry.id.rawValue == arrived.id }?.correctedBy?.rawValue == fix.id)
      #expect(record.record.arrived == x.start)
      #expect(record.lines.allSatisfy { !$0.isConflict })
      // Two phones, offline, each corrected the same entry: both kept, both flagged.
      let phoneA = NewRecordEntry(
        id: UUID(), kind: .checkIn, deviceAt: x.start.addingTimeInterval(60), corrects: fix.id,
        correctionReason: "A minute later")
      let phoneB = NewRecordEntry(
        id: UUID(), kind: .checkIn, deviceAt: x.start.addingTimeInterval(120), corrects: fix.id,
        correctionReason: "Two minutes later")
      try await w.cases.writeRecord(x.visit.id, entries: [phoneA], by: x.worker)
      try await w.cases.writeRecord(x.visit.id, entries: [phoneB], by: x.worker)
      record = try await w.cases.visitRecord(x.visit.id, by: x.worker)
      let flagged: Set<UUID> = Set(record.lines.filter(\.isConflict).map(\.entry.id.rawValue))
      #expect(flagged == [phoneA.id, phoneB.id])
      // Two check-outs from two phones, neither correcting anything: both kept, both flagged.
      let outA = NewRecordEntry(id: UUID(), kind: .checkOut, deviceAt: x.end)
      let outB = NewRecordEntry(id: UUID(), kind: .checkOut, deviceAt: x.end.addingTimeInterval(30))
      try await w.cases.writeRecord(x.visit.id, entries: [outA, outB], by: x.worker)
      record = try await w.cases.visitRecord(x.visit.id, by: x.worker)
      #expect(record.lines.filter { $0.entry.kind == .checkOut && $0.isConflict }.count == 2)
    }
  }

  @Test(arguments: Engine.allCases)
  func eachSeesAsMuchAsTheyMayAndEveryLookIsLogged(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      try await w.cases.writeRecord(x.visit.id, entries: Self.entries(x), by: x.worker)
      let demo = x.demo.demo
      func looks() async throws -> Int {
        try await w.store.auditEvents(coop: demo.coop.id, person: demo.person.id, limit: 1000)
          .filter { $0.action == .viewRecord }.count
      }
      let before = try await looks()
      // The person and their arranger: everything.
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.person).lines.count == 6)
      let arranger = try await w.cases.requester(for: demo.arranger)
      #expect(try await w.cases.visitRecord(x.visit.id, by: arranger).lines.count == 6)
      // Family in the team: not the note about personal care (nor personal-care tasks).
      let family = try await w.cases.requester(for: demo.family)
      let seen = try await w.cases.visitRecord(x.visit.id, by: family)
      let personal = Self.entries(x).filter { e in e.isPersonalCare || e.task == .personalCare }.count
      #expect(seen.lines.count == 6 - personal)
      #expect(!seen.lines.contains { $0.entry.isPersonalCare })
      #expect(!seen.mayWrite)
      // Another worker of the team sees it for care; the registered manager (the demo's administrator) too.
      let teamWorker = try await w.cases.requester(for: demo.teamWorker)
      #expect(try await w.cases.visitRecord(x.visit.id, by: teamWorker).lines.count == 6)
      let manager = try await w.cases.requester(for: demo.admin)
      #expect(try await w.cases.visitRecord(x.visit.id, by: manager).lines.count == 6)
      #expect(try await looks() == before + 5, "every look is in the person's who-looked log")
      // The rota keeper sees the team but not its records; a worker outside the team learns nothing.
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      await #expect(throws: CareError.forbidden) { try await w.cases.visitRecord(x.visit.id, by: keeper) }
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) { try await w.cases.visitRecord(x.visit.id, by: outsider) }
      #expect(try await looks() == before + 5, "a refused look reads nothing and logs no look")
    }
  }

  @Test(arguments: Engine.allCases)
  func timesAreConfirmedByBothSidesOrHeldWhenDisputed(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let demo = x.demo.demo
      let arranger = try await w.cases.requester(for: demo.arranger)
      let family = try await w.cases.requester(for: demo.family)
      func state() async throws -> VisitTimes { try await w.cases.visitRecord(x.visit.id, by: x.person).times }
      #expect(try await state().state == .pending)
      // The worker's times: two real times, the second after the first.
      await #expect(
        throws: CareError.invalid([FieldError("end", "The time you left must be after the time you arrived")])
      ) {
        try await w.cases.confirmTimes(x.visit.id, start: "10:00", end: "09:00", by: x.worker)
      }
      await #expect(throws: CareError.self) {
        try await w.cases.confirmTimes(x.visit.id, start: "", end: "9", by: x.worker)
      }
      // Only the person or their arranger answers for the person; the worker does not answer their own times.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: family)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.worker)
      }
      let start = CoopCalendar.clockText(x.visit.start + 5)
      let end = CoopCalendar.clockText(x.visit.end)
      try await w.cases.confirmTimes(x.visit.id, start: start, end: end, by: x.worker)
      #expect(try await state().state == .pending, "waiting for the person")
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      var times = try await state()
      #expect(times.state == .confirmed && times.confirmedMinutes == x.visit.length - 5)
      #expect(times.plannedStart == x.visit.start, "planned and actual are both kept")
      // The arranger disputes for the person: held; a dispute needs what is wrong.
      await #expect(throws: CareError.invalid([FieldError("reason", "Enter what is wrong")])) {
        try await w.cases.answerTimes(x.visit.id, agree: false, reason: " ", by: arranger)
      }
      try await w.cases.answerTimes(x.visit.id, agree: false, reason: "She left at half past", by: arranger)
      times = try await state()
      #expect(times.state == .disputed && times.confirmedMinutes == nil)
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: demo.person.id, limit: 500)
      #expect(log.first { $0.action == .disputeTimes }?.onBehalfOf == demo.person.id)
      // The worker corrects the times, the person agrees: sorted.
      try await w.cases.confirmTimes(
        x.visit.id, start: start, end: CoopCalendar.clockText(x.visit.end - 30), by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      times = try await state()
      #expect(times.state == .confirmed && times.confirmedMinutes == x.visit.length - 35)
      // A visit still to come cannot be confirmed yet.
      let next = CoopCalendar.london.weekStart(of: w.cases.today).adding(days: 7)
      let later = try #require(
        try await w.cases.personWeek(demo.person.id, monday: next, by: x.person).visits.first?.visit)
      let laterWorker = try await w.cases.requester(for: try #require(try await w.store.account(later.workerID)))
      await #expect(throws: CareError.conflict(FieldError("start", "This visit has not happened yet"))) {
        try await w.cases.confirmTimes(later.id, start: "09:00", end: "10:00", by: laterWorker)
      }
    }
  }
}

extension RecordCasesTests {
  @Test(arguments: Engine.allCases)
  func thePersonDecidesAutoConfirmationAndWhatFamilySee(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let demo = x.demo.demo
      let person = demo.person.id
      let arranger = try await w.cases.requester(for: demo.arranger)
      let family = try await w.cases.requester(for: demo.family)
      try await w.cases.writeRecord(x.visit.id, entries: Self.entries(x), by: x.worker)
      let personal = Self.entries(x).filter { e in e.isPersonalCare || e.task == .personalCare }.count
      #expect(try await w.cases.visitRecord(x.visit.id, by: family).lines.count == 6 - personal)
      // Only the person or their arranger decides; a number of days from 1 to 28, or never.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.changeRecordSettings(RecordSettings(autoConfirmDays: 2), person: person, by: family)
      }
      await #expect(
        throws: CareError.invalid([
          FieldError("autoConfirmDays", "Give a number of days from 1 to 28, or leave it empty")
        ])
      ) {
        try await w.cases.changeRecordSettings(RecordSettings(autoConfirmDays: 0), person: person, by: x.person)
      }
      try await w.cases.changeRecordSettings(
        RecordSettings(autoConfirmDays: 3, familySeesPersonalCare: true), person: person, by: arranger)
      #expect(try await w.cases.recordSettings(person, by: x.person).settings.autoConfirmDays == 3)
      // The person allows it: family now see personal care too.
      #expect(try await w.cases.visitRecord(x.visit.id, by: family).lines.count == 6)
      // The worker confirms; the person says nothing: pending for three days, then confirmed, labelled so.
      let start = CoopCalendar.clockText(x.visit.start)
      try await w.cases.confirmTimes(x.visit.id, start: start, end: CoopCalendar.clockText(x.visit.end), by: x.worker)
      var times = try await w.cases.visitRecord(x.visit.id, by: x.person).times
      #expect(times.state == .pending && !times.isAutoConfirmed)
      w.clock.advance(3 * 24 * 3600 + 60)
      times = try await w.cases.visitRecord(x.visit.id, by: x.person).times
      #expect(times.state == .confirmed && times.isAutoConfirmed)
      #expect(times.confirmedMinutes == x.visit.length)
      // A dispute afterwards still holds it: the person's word wins over the clock.
      try await w.cases.answerTimes(x.visit.id, agree: false, reason: "She left at ten", by: x.person)
      #expect(try await w.cases.visitRecord(x.visit.id, by: x.person).times.state == .disputed)
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person, limit: 1000)
      #expect(log.first { $0.action == .changeRecordSettings }?.onBehalfOf == person)
    }
  }
}

extension RecordCasesTests {
  @Test(arguments: Engine.allCases)
  func theHistoryShowsEachVisitAsItHappened(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let demo = x.demo.demo
      let person = demo.person.id
      try await w.cases.writeRecord(x.visit.id, entries: Self.entries(x), by: x.worker)
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      let range = (x.visit.day.adding(days: -3), x.visit.day.adding(days: 3))
      let history = try await w.cases.visitHistory(person, from: range.0, through: range.1, by: x.person)
      #expect(history.isOwner && history.items.allSatisfy { (range.0...range.1).contains($0.visit.day) })
      #expect(history.items.map(\.visit.day) == history.items.map(\.visit.day).sorted())
      let item = try #require(history.items.first { $0.visit.id == x.visit.id })
      #expect(item.record.arrived == x.start.addingTimeInterval(120) && item.record.left == x.end)
      #expect(item.times.state == .pending && item.times.workerAnswer != nil)
      #expect(item.tasks.map(\.task) == [x.visit.tasks.sorted()[0]] && item.tasks.allSatisfy(\.done))
      // Family see the tasks but not personal care (unless the person allows it).
      let family = try await w.cases.requester(for: demo.family)
      let seen = try await w.cases.visitHistory(person, from: range.0, through: range.1, by: family)
      let familyItem = try #require(seen.items.first { $0.visit.id == x.visit.id })
      #expect(familyItem.tasks.contains { $0.task == .personalCare } == false)
      // A range the wrong way round, or too long: said plainly.
      await #expect(throws: CareError.invalid([FieldError("from", "The first day must be on or before the last")])) {
        try await w.cases.visitHistory(person, from: range.1, through: range.0, by: x.person)
      }
      await #expect(throws: CareError.invalid([FieldError("through", "Show at most 92 days at a time")])) {
        try await w.cases.visitHistory(person, from: range.0, through: range.0.adding(days: 92), by: x.person)
      }
      // Outside the team: nothing; every look is in the who-looked log.
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) {
        try await w.cases.visitHistory(person, from: nil, through: nil, by: outsider)
      }
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person, limit: 1000)
      #expect(log.filter { $0.action == .viewRecord && $0.detail.hasPrefix("visits ") }.count == 2)
    }
  }
}

/// The time a record form carries from the page's script: the phone's, unless it is missing, unreadable or
/// well ahead of the server (an entry kept offline and sent later keeps the time it was written).
@Suite("Record forms: the phone's time")
struct PhoneTimeTests {
  static let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test(arguments: [
    ("", now),
    ("not a time", now),
    ("2026-05-28T08:30:00Z", Date(timeIntervalSince1970: 1_779_957_000)),
    ("2026-05-28T08:30:00.250Z", Date(timeIntervalSince1970: 1_779_957_000.25)),
    // Three hours before: sent later from a phone that had no signal.
    ("2026-05-28T17:26:40Z", now.addingTimeInterval(-3 * 3600)),
    // A phone two minutes fast is believed; one an hour ahead is not.
    ("2026-05-28T20:28:40Z", now.addingTimeInterval(120)),
    ("2026-05-28T21:46:40Z", now),
  ])
  func theFormsTimeIsThePhonesWithinReason(text: String, expected: Date) {
    #expect(abs(RecordForm.phoneTime(text, now: Self.now).timeIntervalSince(expected)) < 0.001, "\(text)")
  }
}
