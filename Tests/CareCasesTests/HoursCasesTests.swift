import CareCore
import CareLedger
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// The person's hours on both engines: an agreement recorded by the finance hat, each week's hours given by
/// the co-op's scheduled work, banked and drawn by the person's choice within the agreement's rules, what a
/// week leaves lapsing at its end, banked hours expiring after their weeks; idempotent postings; 32 racers
/// for the last hour; a ledger the database keeps append-only and whose balances are the fold of its log.
@Suite("Use cases: hours that belong to the person")
struct HoursCasesTests {
  struct World {
    let demo: DemoCoop
    let person: Requester
    let arranger: Requester
    let worker: Requester
    let finance: Requester
  }

  static func world(_ w: CasesWorld) async throws -> World {
    let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
    let hats = try await w.store.hats(coop: demo.coop.id)
    let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: w.cases.today).first?.1)
    return World(
      demo: demo, person: try await w.cases.requester(for: demo.personAccount),
      arranger: try await w.cases.requester(for: demo.arranger),
      worker: try await w.cases.requester(for: demo.teamWorker), finance: try await w.cases.requester(for: holder))
  }

  /// Ten hours a week from this week's Monday, up to 3 hours banked for 2 weeks.
  static func terms(_ w: CasesWorld) -> FundingTerms {
    FundingTerms(
      funder: .localAuthority, funderName: "Leeds City Council", minutesPerPeriod: 600, period: .week,
      starts: CoopCalendar.london.weekStart(of: w.cases.today), ratePence: 2_450, bankLimitMinutes: 180,
      bankWeeks: 2)
  }

  @Test(arguments: Engine.allCases)
  func theWeeksHoursAreTheirsToBankAndDraw(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      // Only the finance hat records an agreement; every problem with its terms at once.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.recordFunding(Self.terms(w), person: person, by: x.arranger)
      }
      var bad = Self.terms(w)
      (bad.minutesPerPeriod, bad.funderName, bad.compressMinMinutes) = (0, " ", 30)
      do {
        try await w.cases.recordFunding(bad, person: person, by: x.finance)
        Issue.record("bad terms were kept")
      } catch CareError.invalid(let problems) {
        #expect(problems.map(\.field) == ["funderName", "minutesPerPeriod", "compressMaxMinutes"])
      }
      let agreement = try await w.cases.recordFunding(Self.terms(w), person: person, by: x.finance)
      // This week's ten hours are given when the hours are first read.
      var hours = try await w.cases.hours(person, by: x.worker).agreements[0]
      #expect((hours.available, hours.banked, hours.givenThisPeriod) == (600, 0, 600))
      // The worker sees the hours but does not spend them; the person banks two, then one more.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.bankHours(120, agreement: agreement.id, person: person, by: x.worker)
      }
      try await w.cases.bankHours(120, agreement: agreement.id, person: person, by: x.person)
      try await w.cases.bankHours(60, agreement: agreement.id, person: person, by: x.arranger)
      // Past the agreement's limit, not a positive number, more than banked: clear reasons, nothing kept.
      await #expect(throws: CareError.invalid("minutes", "This agreement allows 3 hours banked at most")) {
        try await w.cases.bankHours(1, agreement: agreement.id, person: person, by: x.person)
      }
      await #expect(throws: CareError.invalid("minutes", "Give a number of minutes above 0")) {
        try await w.cases.drawHours(0, agreement: agreement.id, person: person, by: x.person)
      }
      await #expect(throws: CareError.invalid("minutes", "Only 3 hours are banked")) {
        try await w.cases.drawHours(181, agreement: agreement.id, person: person, by: x.person)
      }
      try await w.cases.drawHours(30, agreement: agreement.id, person: person, by: x.person)
      hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked) == (450, 150))
      #expect(hours.expiring.map(\.minutes) == [150])
      // The next week: what this week left lapses at its end, and ten new hours come.
      w.clock.advance(7 * 86_400)
      hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked, hours.expired, hours.givenThisPeriod) == (600, 150, 450, 600))
      // Two weeks after they were banked, the banked hours expire (the scheduled work does it).
      w.clock.advance(7 * 86_400)
      #expect(try await w.cases.settleAllHours() == 3)  // last week lapses, this week's hours, the bank expires
      hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked, hours.expired) == (600, 0, 450 + 600 + 150))
      #expect(try await w.cases.settleAllHours() == 0)
      // The log says who did what; the co-op's own entries have no person behind them.
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person)
      #expect(
        log.contains { $0.action == .bankHours && $0.actorID == x.arranger.account.id && $0.onBehalfOf == person })
      #expect(log.contains { $0.action == .settleHours && $0.actorID == nil })
      // The balances are the fold of the kept postings; every entry sums to zero; the rows cannot change.
      let sql = w.store.db as! any SQLDatabase
      struct Sum: Decodable {
        let bucket: String
        let total: Int
      }
      let sums = try await sql.raw(
        "SELECT bucket, CAST(SUM(minutes) AS BIGINT) AS total FROM hours_postings GROUP BY bucket ORDER BY bucket"
      ).all(decoding: Sum.self)
      let book = HoursBook(hours.records.reversed().map(\.entry))
      for sum in sums { #expect(book.balance(HoursBucket(rawValue: sum.bucket)!) == sum.total) }
      #expect(sums.reduce(0) { $0 + $1.total } == 0)
      struct Unbalanced: Decodable { let n: Int }
      let unbalanced = try await sql.raw(
        "SELECT COUNT(*) AS n FROM (SELECT entry_id FROM hours_postings GROUP BY entry_id HAVING SUM(minutes) <> 0) t"
      ).first(decoding: Unbalanced.self)
      #expect(unbalanced?.n == 0)
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE hours_postings SET minutes = 0").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM hours_entries").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func aKeySentAgainAnswersAsTheFirstTime(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let agreement = try await w.cases.recordFunding(Self.terms(w), person: person, by: x.finance)
      let first = try await w.cases.bankHours(60, agreement: agreement.id, person: person, key: "k-1", by: x.person)
      let again = try await w.cases.bankHours(60, agreement: agreement.id, person: person, key: "k-1", by: x.person)
      guard case .posted(let kept) = first, case .replayed(let replayed) = again else {
        Issue.record("first posted, then replayed")
        return
      }
      #expect(kept.entry.id == replayed.entry.id)
      await #expect(
        throws: CareError.invalid("Idempotency-Key", "This key was sent before with a different request")
      ) {
        try await w.cases.bankHours(90, agreement: agreement.id, person: person, key: "k-1", by: x.person)
      }
      #expect(try await w.cases.hours(person, by: x.person).agreements[0].banked == 60)
    }
  }

  /// 32 requests race to bank the last hour available: exactly one is kept, on PostgreSQL's pool as on
  /// SQLite; the others are told why.
  @Test(arguments: Engine.allCases)
  func thirtyTwoRacersForTheLastHour(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      var terms = Self.terms(w)
      (terms.minutesPerPeriod, terms.bankLimitMinutes) = (60, 600)
      let agreement = try await w.cases.recordFunding(terms, person: person, by: x.finance)
      _ = try await w.cases.hours(person, by: x.person)
      let results = await withTaskGroup(of: Bool.self) { group in
        for i in 0..<32 {
          group.addTask {
            (try? await w.cases.bankHours(60, agreement: agreement.id, person: person, key: "r-\(i)", by: x.person))
              != nil
          }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(results.filter { $0 }.count == 1)
      let hours = try await w.cases.hours(person, by: x.person).agreements[0]
      #expect((hours.available, hours.banked) == (0, 60))
    }
  }

  /// The snapshot a posting reads the book from is the fold of the ledger's entries, after racing postings,
  /// a change made without the snapshot (confirmed visits), and a snapshot tampered with (ignored: folded again).
  @Test(arguments: Engine.allCases)
  func theBooksSnapshotIsTheFoldOfItsEntries(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let agreement = try await w.cases.recordFunding(Self.terms(w), person: person, by: x.finance)
      func same() async throws {
        let (snapshot, row) = try await Store.book(agreement, on: w.store.db)
        let folded = try await Store.foldedBook(agreement, on: w.store.db)
        #expect(row != nil && snapshot.count == folded.count && snapshot.balances == folded.balances)
        #expect(snapshot.lots.map(\.minutes) == folded.lots.map(\.minutes))
        for (a, b) in zip(snapshot.lots, folded.lots) { #expect(abs(a.at.timeIntervalSince(b.at)) < 0.001) }
      }
      try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 0..<12 {
          group.addTask {
            _ =
              try? await
              (i % 3 == 2
              ? w.cases.drawHours(5, agreement: agreement.id, person: person, by: x.person)
              : w.cases.bankHours(10, agreement: agreement.id, person: person, by: x.arranger))
          }
        }
        try await group.waitForAll()
      }
      try await same()
      // A snapshot that does not fold every entry is not trusted: the book is folded again.
      try await w.store.write { db in try await (db as! any SQLDatabase).raw("UPDATE hours_books SET book = '{}'").run()
      }
      try await w.cases.bankHours(1, agreement: agreement.id, person: person, by: x.person)
      try await same()
      let hours = try await w.cases.hours(person, by: x.person).agreements[0]
      let (snapshot, _) = try await Store.book(agreement, on: w.store.db)
      #expect(hours.available == snapshot.balance(.available) && hours.banked == snapshot.balance(.banked))
    }
  }

  /// A visit's confirmed minutes are the hours used: posted once both sides agree, undone when the person
  /// later says something is wrong, used again when it is sorted. (The demo's agreement: ten hours a week,
  /// one of them banked.)
  @Test(arguments: Engine.allCases)
  func confirmedVisitsAreTheHoursUsed(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      func hours() async throws -> AgreementHours {
        let model = try await w.cases.hours(demo.person.id, by: x.person)
        #expect(model.agreements.count == 1)
        return model.agreements[0]
      }
      var now = try await hours()
      #expect((now.used, now.available, now.banked) == (0, 540, 60), "nothing used before the times are confirmed")
      // The forecast: what the week's published visits would leave at its end.
      let period = try #require(now.period)
      let planned = try await w.store.visitFactsForHours(
        person: demo.person.id, from: period.lowerBound, through: period.upperBound
      ).visits.filter { $0.slot == 0 }.reduce(0) { $0 + $1.length }
      #expect(now.forecast == 540 - planned)
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start + 5), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      #expect(try await hours().used == 0, "the worker alone does not confirm")
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      now = try await hours()
      let minutes = x.visit.length - 5
      #expect((now.used, now.available, now.usedThisPeriod) == (minutes, 540 - minutes, minutes))
      // Confirmed at five minutes shorter: the forecast gains them.
      #expect(now.forecast == 540 - planned + 5)
      #expect(now.records.first?.entry.kind == .use && now.records.first?.visitKey == x.visit.key)
      #expect(try await hours().records.count == now.records.count, "reading again posts nothing")
      // Later the person says something is wrong: the use is undone; sorted out, it is used again.
      try await w.cases.answerTimes(x.visit.id, agree: false, reason: "They left early", by: x.person)
      now = try await hours()
      #expect((now.used, now.available) == (0, 540))
      #expect(now.records.first?.entry.kind == .reverse && now.records.first?.visitKey == x.visit.key)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      now = try await hours()
      #expect((now.used, now.available) == (minutes, 540 - minutes))
      #expect(now.records.filter { $0.entry.kind == .use }.count == 2)
      #expect(try await w.cases.settleAllHours() == 0, "the scheduled work finds nothing more to do")
    }
  }

  /// A confirmed visit that no agreement has the hours for is not used from any: it is listed for the co-op
  /// to sort out, never dropped. (Confirmed at nearly a whole day: more than the week's hours left.)
  @Test(arguments: Engine.allCases)
  func aVisitNoAgreementCanPayForIsListed(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      try await w.cases.confirmTimes(x.visit.id, start: "00:05", end: "23:55", by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let model = try await w.cases.hours(demo.person.id, by: x.person)
      #expect(model.unpaid == [ConfirmedVisit(key: x.visit.key, day: x.visit.day, minutes: 1430)])
      #expect((model.agreements[0].used, model.agreements[0].available) == (0, 540))
    }
  }

  /// Fewer, longer visits only as the agreement allows: the demo's allows one to three hours a visit.
  @Test(arguments: Engine.allCases)
  func compressingIsCheckedAgainstTheAgreement(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await WeekPublishingTests.demo(w)
      let arranger = try await w.cases.requester(for: d.demo.arranger)
      let model = try await w.cases.pattern(d.demo.person.id, by: arranger)
      let current = try #require(model.inEffect?.pattern)
      #expect(model.hours?.words?.hasPrefix("These visits use ") == true)
      var longer = current
      longer.visits = [VisitPattern(days: [.monday], start: 10 * 60, length: 240, tasks: [.meals])]
      await #expect(
        throws: CareError.invalid([
          FieldError(
            "visits",
            "The agreement with Leeds City Council allows visits of 1 hour to 3 hours when they are fewer and longer: "
              + "one is 4 hours")
        ])
      ) {
        try await w.cases.proposePattern(longer, from: w.cases.today, person: d.demo.person.id, by: arranger)
      }
      longer.visits[0].length = 180
      try await w.cases.proposePattern(longer, from: w.cases.today, person: d.demo.person.id, by: arranger)
    }
  }

  /// The rota keeper sees each person's hours beside the week: what it gives them, what is paid for a week
  /// and banked; more than that is flagged before publishing.
  @Test(arguments: Engine.allCases)
  func theRotaKeeperSeesHoursBesideTheWeek(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await WeekPublishingTests.demo(w)
      let person = d.demo.person.id
      let circle = try #require(try await w.store.teamFacts(person, coop: d.demo.coop.id)).circleID
      let plan = try await w.cases.weekPlan(
        circle: circle, monday: CoopCalendar.london.weekStart(of: w.cases.today), by: d.keeper)
      let theirs = try #require(plan.hours.first { $0.person == person })
      let planned = plan.visits.filter { $0.personID == person && $0.slot == 0 }.reduce(0) { $0 + $1.length }
      #expect(planned > 0)
      #expect((theirs.planned, theirs.paidAWeek, theirs.banked) == (planned, 600, 60))
      #expect(theirs.isOver == (planned > 660) && plan.overspending.contains(theirs) == theirs.isOver)
      // Only people with funding recorded are listed.
      #expect(plan.hours.map(\.person) == [person])
    }
  }
}
