import CareCore
import CareRota
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// Cover on the demo co-op's published week, on both engines: a worker cannot make a visit; the offer goes
/// to the person's named backup first, then their team, then circle coverers; the first yes gets it.
@Suite("Use cases: cover")
struct CoverCasesTests {
  struct World {
    let demo: WeekPublishingTests.Demo
    let next: Day
    let person: Requester
  }

  static func world(_ w: CasesWorld) async throws -> World {
    let d = try await WeekPublishingTests.demo(w)
    // The demo publishes this week and next: next week's visits are all still to come.
    let next = d.monday.adding(days: -7)
    return World(demo: d, next: next, person: try await w.cases.requester(for: d.demo.personAccount))
  }

  static func requester(_ w: CasesWorld, _ id: ID<Account>) async throws -> Requester {
    try await w.cases.requester(for: try #require(try await w.store.account(id)))
  }

  /// Asks cover for the person's visits one at a time until one goes to their backup first (the backup is
  /// not free for every visit); every request keeps to the tiers on the way.
  static func visitGoingToBackup(_ w: CasesWorld, _ x: World) async throws -> (RotaVisit, CoverRequest, [CoverOffer]) {
    let week = try await w.cases.personWeek(x.demo.demo.person.id, monday: x.next, by: x.person)
    for shown in week.visits where !shown.isBackup && !shown.findingCover {
      let visit = shown.visit
      let worker = try await requester(w, visit.workerID)
      let made = try await w.cases.cannotMake(visit.id, reason: "Hospital appointment", by: worker)
      let request = try #require(made.first)
      let offers = try await w.store.coverOffers(request: request.id)
      #expect(!offers.contains { $0.workerID == visit.workerID }, "never offered back to who cannot come")
      #expect(offers.filter { $0.state == .offered }.allSatisfy { $0.tier == request.tier })
      #expect(offers.filter { $0.state == .waiting }.allSatisfy { $0.tier > request.tier! })
      if request.tier == .backup { return (visit, request, offers) }
    }
    Issue.record("no visit of the person could go to their backup")
    throw CareError.notFound
  }

  @Test(arguments: Engine.allCases)
  func coverGoesToTheNamedBackupFirstAndTheFirstYesGetsTheVisit(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let (visit, request, offers) = try await Self.visitGoingToBackup(w, x)
      let backupOffer = try #require(offers.first { $0.state == .offered })
      #expect(offers.filter { $0.state == .offered }.count == 1)
      let backup = try await Self.requester(w, backupOffer.workerID)
      // The backup is asked, in the app (and by mail); the team waits its turn.
      #expect(try await w.cases.messages(by: backup).contains { $0.subject.hasPrefix("Can you cover a visit on") })
      let waiting = try #require(offers.first { $0.state == .waiting })
      let teamWorker = try await Self.requester(w, waiting.workerID)
      #expect(try await w.cases.cover(by: teamWorker).openOffers.isEmpty)
      await #expect(throws: CareError.conflict(Cases.coverGone)) {
        try await w.cases.answerCover(waiting.id, accept: true, by: teamWorker)
      }
      // The person sees at once that cover is being found, and is told.
      var theirs = try await w.cases.personWeek(x.demo.demo.person.id, monday: x.next, by: x.person)
      #expect(theirs.visits.first { $0.visit.key == visit.key }?.findingCover == true)
      #expect(try await w.cases.messages(by: x.person).contains { $0.subject.contains("cannot come on") })
      // Nobody else may answer the backup's offer (it reads as not there).
      await #expect(throws: CareError.notFound) {
        try await w.cases.answerCover(backupOffer.id, accept: true, by: teamWorker)
      }

      let page = try await w.cases.cover(by: backup)
      #expect(page.openOffers.map(\.offer.id) == [backupOffer.id])
      #expect(page.openOffers.first?.area.isEmpty == false)
      let covered = try await w.cases.answerCover(backupOffer.id, accept: true, by: backup)
      #expect(covered.state == .covered)
      #expect(covered.coveredBy == backup.account.id)
      // The person's week now has the backup on that visit; the worker who could not come no longer has it.
      theirs = try await w.cases.personWeek(x.demo.demo.person.id, monday: x.next, by: x.person)
      let now = try #require(theirs.visits.first { $0.visit.key == visit.key })
      #expect(now.visit.workerID == backup.account.id)
      #expect(now.isBackup)
      #expect(!now.findingCover)
      let gone = try await Self.requester(w, visit.workerID)
      #expect(!(try await w.cases.myWeek(monday: x.next, by: gone).stops.contains { $0.visit.key == visit.key }))
      let backupWeek = try await w.cases.myWeek(monday: x.next, by: backup)
      #expect(backupWeek.stops.first { $0.visit.key == visit.key }?.address.isEmpty == false)
      // The later "yes" is told it is taken; the published week is still whole (every visit once).
      await #expect(throws: CareError.conflict(Cases.coverGone)) {
        try await w.cases.answerCover(backupOffer.id, accept: true, by: backup)
      }
      let published = try #require(try await w.store.publishedWeek(circle: x.demo.hebden.id, monday: x.next))
      let visits = try await w.store.visits(week: published.id)
      #expect(Set(visits.map(\.key)).count == visits.count)
      #expect(try await w.cases.messages(by: gone).contains { $0.subject.contains("is covering your visit") })
      #expect(
        try await w.cases.messages(by: x.person).contains { $0.subject.hasPrefix("\(backup.account.name) is coming") })
      #expect(try await w.store.coverRequest(request.id)?.state == .covered)
    }
  }

  @Test(arguments: Engine.allCases)
  func whenTheBackupSaysNoTheNextAreAskedAndOfTwoYesesOneWins(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let (_, request, offers) = try await Self.visitGoingToBackup(w, x)
      let backupOffer = try #require(offers.first { $0.state == .offered })
      let backup = try await Self.requester(w, backupOffer.workerID)
      _ = try await w.cases.answerCover(backupOffer.id, accept: false, by: backup)
      let now = try await w.store.coverOffers(request: request.id)
      // The next tier with anyone in it (the team, or the circle's coverers when nobody in the team is free).
      let next = try #require(offers.filter { $0.state == .waiting }.map(\.tier).min())
      #expect(try await w.store.coverRequest(request.id)?.tier == next)
      #expect(now.filter { $0.state == .offered }.allSatisfy { $0.tier == next })
      #expect(!now.filter { $0.state == .offered }.isEmpty)

      // Another visit: nobody answers for an hour, so everyone found is asked, the backup still among them.
      let (_, second, _) = try await Self.visitGoingToBackup(w, x)
      w.clock.advance(Cases.coverWait + 1)
      _ = try await w.cases.runDueJobs(worker: "test")
      w.clock.advance(Cases.coverWait + 1)
      _ = try await w.cases.runDueJobs(worker: "test")
      let asked = try await w.store.coverOffers(request: second.id).filter { $0.state == .offered }
      #expect(asked.count >= 2, "a race needs two")
      let versions = try await w.store.publishedVersionNumbers(circle: x.demo.hebden.id, monday: x.next)
      // Everyone asked says yes at the same moment: one gets the visit, the others are told it is taken.
      let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
        for offer in asked {
          let who = try await Self.requester(w, offer.workerID)
          group.addTask {
            do {
              _ = try await w.cases.answerCover(offer.id, accept: true, by: who)
              return true
            } catch CareError.conflict { return false } catch CareError.invalid { return false }
          }
        }
        return try await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(answers.filter { $0 }.count == 1)
      #expect(
        try await w.store.publishedVersionNumbers(circle: x.demo.hebden.id, monday: x.next).count == versions.count + 1)
      #expect(try await w.store.coverOffers(request: second.id).filter { $0.state == .accepted }.count == 1)
      #expect(try await w.store.coverRequest(second.id)?.state == .covered)
    }
  }

  @Test(arguments: Engine.allCases)
  func nobodyAnsweringWidensTheOfferAndOutsideCoverSeesTheAddressOnlyForThatVisit(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let (visit, request, offers) = try await Self.visitGoingToBackup(w, x)
      // Nobody answers within the wait: the job offers it to the team too (the backup may still say yes).
      let tiers = Set(offers.map(\.tier)).sorted()
      w.clock.advance(Cases.coverWait + 1)
      _ = try await w.cases.runDueJobs(worker: "test")
      #expect(try await w.store.coverRequest(request.id)?.tier == tiers.dropFirst().first)
      w.clock.advance(Cases.coverWait + 1)
      _ = try await w.cases.runDueJobs(worker: "test")
      let all = try await w.store.coverOffers(request: request.id)
      #expect(all.filter { $0.state == .waiting }.isEmpty)
      #expect(all.filter { $0.state == .offered }.count == offers.count)
      // A worker from outside the person's team who covers in the circle takes it.
      let outside = try #require(all.first { $0.tier == .circle }, "the demo has workers who cover in the circle")
      let coverer = try await Self.requester(w, outside.workerID)
      #expect(try await w.cases.cover(by: coverer).openOffers.first?.offer.id == outside.id)
      _ = try await w.cases.answerCover(outside.id, accept: true, by: coverer)
      // They see the address of that visit only (never the person's team), and the look is logged.
      let theirWeek = try await w.cases.myWeek(monday: x.next, by: coverer)
      let stop = try #require(theirWeek.stops.first { $0.visit.key == visit.key })
      #expect(stop.isOutsideCover)
      #expect(!stop.address.isEmpty)
      await #expect(throws: CareError.self) {
        try await w.cases.personWeek(x.demo.demo.person.id, monday: x.next, by: coverer)
      }
      let log = try await w.store.auditEvents(coop: x.demo.demo.coop.id, person: x.demo.demo.person.id)
      #expect(log.contains { $0.action == .seeCoveredVisit && $0.actorID == coverer.account.id })
      #expect(log.contains { $0.action == .takeCover && $0.actorID == coverer.account.id })
      // Before going in, while the visit is under way: how the person has been lately (a note a team worker
      // wrote at a visit in the week before); in the team's records, that read is in the who-looked log.
      let person = x.demo.demo.person.id
      var recent: [RotaVisit] = []
      for monday in [x.next.adding(days: -7), x.next] {
        recent += try await w.cases.personWeek(person, monday: monday, by: x.person).visits.map(\.visit)
      }
      let earlier = try #require(
        recent.filter {
          $0.day < visit.day && $0.day >= visit.day.adding(days: -EarlierNotes.days) && $0.partnerID == nil
        }.max { ($0.day, $0.start) < ($1.day, $1.start) })
      let writtenAt = max(
        w.cases.effects.now(), CoopCalendar.london.instant(on: earlier.day, atMinute: earlier.start + 5))
      w.clock.advance(writtenAt.timeIntervalSince(w.cases.effects.now()))
      try await w.cases.writeRecord(
        earlier.id,
        entries: [NewRecordEntry(id: UUID(), kind: .note, text: "Tired; ate little at lunch.", deviceAt: writtenAt)],
        by: try await Self.requester(w, earlier.workerID))
      let goingIn = CoopCalendar.london.instant(on: visit.day, atMinute: visit.start).addingTimeInterval(-30 * 60)
      w.clock.advance(goingIn.timeIntervalSince(w.cases.effects.now()))
      let during = try await w.cases.visitRecord(stop.visit.id, by: coverer)
      #expect(during.earlier.map(\.text) == ["Tired; ate little at lunch."])
      #expect(
        try await w.store.auditEvents(coop: x.demo.demo.coop.id, person: person).contains {
          $0.action == .viewRecord && $0.actorID == coverer.account.id
        })
      // Long after the visit, their own record is still theirs to finish, but the person's notes are not.
      let evening = CoopCalendar.london.instant(on: visit.day, atMinute: min(visit.end + 3 * 60, 1439))
      w.clock.advance(evening.timeIntervalSince(w.cases.effects.now()))
      #expect(try await w.cases.visitRecord(stop.visit.id, by: coverer).earlier.isEmpty)
      // The day after the visit, the address is gone by itself.
      let after = CoopCalendar.london.instant(on: visit.day.adding(days: 1), atMinute: 9 * 60)
      w.clock.advance(after.timeIntervalSince(w.cases.effects.now()))
      let later = try await w.cases.myWeek(monday: x.next, by: coverer)
      #expect(later.stops.first { $0.visit.key == visit.key }?.address == "")
    }
  }

  @Test(arguments: Engine.allCases)
  func badAsksAreRefusedAndWriteNothing(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let week = try await w.cases.personWeek(x.demo.demo.person.id, monday: x.next, by: x.person)
      let visit = try #require(week.visits.first?.visit)
      let worker = try await Self.requester(w, visit.workerID)
      // Someone else's visit is not there for them; the person cannot give their worker's visit away.
      await #expect(throws: CareError.notFound) {
        try await w.cases.cannotMake(visit.id, reason: "", by: x.person)
      }
      await #expect(throws: CareError.self) {
        try await w.cases.cannotMake(visit.id, reason: String(repeating: "x", count: 501), by: worker)
      }
      let today = w.cases.today
      await #expect(throws: CareError.self) {
        try await w.cases.cannotWork(
          from: today.adding(days: 3), through: today.adding(days: 1), reason: "", by: worker)
      }
      await #expect(throws: CareError.self) {
        try await w.cases.cannotWork(from: today, through: today.adding(days: 40), reason: "", by: worker)
      }
      #expect(try await w.store.coverAsked(worker: worker.account.id, from: today).isEmpty)
      // Once is enough: the second "I can't" for the same visit is refused.
      try await w.cases.cannotMake(visit.id, reason: "", by: worker)
      await #expect(throws: CareError.conflict(FieldError("visit", "Cover is already being found for this visit"))) {
        try await w.cases.cannotMake(visit.id, reason: "", by: worker)
      }
      #expect(try await w.store.coverAsked(worker: worker.account.id, from: today).count == 1)
      // A stretch of days: each visit in it not already waiting goes to cover.
      let made = try await w.cases.cannotWork(from: x.next, through: x.next.adding(days: 6), reason: "Away", by: worker)
      let theirs = try await w.store.publishedVisits(
        worker: worker.account.id, from: x.next, through: x.next.adding(days: 6))
      #expect(made.count == theirs.count - 1)
    }
  }
}

@Suite("Use cases: a worker's zone of consent")
struct ConsentCasesTests {
  @Test(arguments: Engine.allCases)
  func aChangeThatBreaksPublishedVisitsSendsThemToCoverAndNothingElse(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await CoverCasesTests.world(w)
      let week = try await w.cases.personWeek(x.demo.demo.person.id, monday: x.next, by: x.person)
      let some = try #require(week.visits.first?.visit)
      let worker = try await CoverCasesTests.requester(w, some.workerID)
      let page = try await w.cases.consent(by: worker)
      var zone = try #require(page.zone)
      // Saying the same again breaks nothing.
      #expect(try await w.cases.changeConsent(zone, by: worker).isEmpty)
      // No longer on that visit's weekday: each of their visits next week on that day goes to cover.
      let weekday = try #require(Weekday(rawValue: (0..<7).first { x.next.adding(days: $0) == some.day } ?? -1))
      zone.availability.removeAll { $0.day == weekday }
      let theirs = try await w.store.publishedVisits(worker: worker.account.id, from: some.day, through: some.day)
      let made = try await w.cases.changeConsent(zone, by: worker)
      #expect(Set(made.map(\.key)).isSuperset(of: Set(theirs.map(\.key))))
      #expect(made.allSatisfy { $0.workerID == worker.account.id && $0.state == .open })
      #expect(made.contains { $0.reason.contains("No longer fits what") })
      #expect(
        made.allSatisfy { r in
          CoopCalendar.london.weekStart(of: r.day) != x.next || r.day == some.day
        }, "next week, only that day's visits")
      #expect(try await w.store.consentZone(account: worker.account.id) == zone)
      // Bad input is refused and nothing is kept.
      var bad = zone
      bad.availability = [AvailableTime(day: .monday, from: 600, until: 500)]
      await #expect(throws: CareError.self) { try await w.cases.changeConsent(bad, by: worker) }
      #expect(try await w.store.consentZone(account: worker.account.id) == zone)
    }
  }
}
