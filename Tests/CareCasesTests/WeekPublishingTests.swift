import CareCore
import CareRota
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// The rota keeper's week kept and published: planned by a job, shown as a draft, published, then seen by
/// the person and their team and by each worker — on both engines.
@Suite("Use cases: planning and publishing a week")
struct WeekPublishingTests {
  struct Demo {
    let demo: DemoCoop
    let keeper: Requester
    let hebden: Circle
    let monday: Day
  }

  static func demo(_ w: CasesWorld) async throws -> Demo {
    let (demo, _) = try #require(try await w.cases.seedDemo())
    let keeper = try await w.cases.requester(for: demo.rotaKeeper)
    let admin = try await w.cases.requester(for: demo.admin)
    let hebden = try #require(try await w.cases.circles(by: admin).circles.first { $0.name == "Hebden Bridge" })
    // The demo publishes this week and next: the week after is still to plan.
    let monday = CoopCalendar.london.weekStart(of: w.cases.today).adding(days: 14)
    return Demo(demo: demo, keeper: keeper, hebden: hebden, monday: monday)
  }

  @Test(arguments: Engine.allCases)
  func aPlannedWeekIsPublishedAndSeenByThePersonAndTheirWorkers(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await Self.demo(w)
      let version = try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      #expect(version.state == .planning)
      #expect(version.number == 1)
      // A second "plan" while the engine is at it is refused, and says why.
      await #expect(
        throws: CareError.conflict(
          FieldError("week", "The rota engine is already planning a week for this circle: wait for it, or stop it"))
      ) {
        try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      }
      var page = try await w.cases.weekPlan(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      #expect(page.shown?.state == .planning)

      #expect(try await w.cases.runDueJobs(worker: "test") >= 1)
      page = try await w.cases.weekPlan(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      let draft = try #require(page.shown)
      #expect(draft.state == .draft)
      #expect(draft.progress.fraction == 1)
      let figures = try #require(draft.figures)
      #expect(figures.unfilled.isEmpty)
      #expect(figures.shareWithinChoice >= 0.95)
      #expect(page.visits.count >= 6 * 7)
      #expect(page.changes == nil)
      // Nobody but the rota keeper sees a draft.
      let person = try await w.cases.requester(for: d.demo.personAccount)
      #expect(try await w.cases.personWeek(d.demo.person.id, monday: d.monday, by: person).visits.isEmpty)

      // Publishing against an older edit count is refused and publishes nothing.
      await #expect(throws: CareError.self) {
        try await w.cases.publishWeek(draft.id, edits: draft.edits + 1, circle: d.hebden.id, by: d.keeper)
      }
      let published = try await w.cases.publishWeek(draft.id, edits: draft.edits, circle: d.hebden.id, by: d.keeper)
      #expect(published.state == .published)
      #expect(published.publishedBy == d.demo.rotaKeeper.id)

      // The person sees who is coming: their visits, each with a worker's name, and no address or task.
      let theirWeek = try await w.cases.personWeek(d.demo.person.id, monday: d.monday, by: person)
      let theirs = page.visits.filter { $0.personID == d.demo.person.id && $0.slot == 0 }
      #expect(theirWeek.isPublished)
      #expect(theirWeek.visits.map(\.visit.id) == theirs.map(\.id))
      #expect(theirWeek.visits.allSatisfy { !$0.worker.isEmpty && $0.worker != "a worker" })
      #expect(theirWeek.days.count == 7)
      // Their family sees the same; a worker in another circle does not.
      let family = try await w.cases.requester(for: d.demo.family)
      #expect(try await w.cases.personWeek(d.demo.person.id, monday: d.monday, by: family).visits.count == theirs.count)
      let outsider = try await w.cases.requester(for: d.demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) {
        try await w.cases.personWeek(d.demo.person.id, monday: d.monday, by: outsider)
      }

      // Each worker on the week sees their own visits with the address; never anyone else's.
      let worker = try #require(theirs.first?.workerID)
      let workerAccount = try #require(try await w.store.account(worker))
      let mine = try await w.cases.myWeek(monday: d.monday, by: try await w.cases.requester(for: workerAccount))
      #expect(!mine.stops.isEmpty)
      #expect(mine.stops.allSatisfy { $0.visit.workerID == worker })
      #expect(mine.stops.allSatisfy { !$0.address.isEmpty && !$0.postcode.isEmpty })
      #expect(mine.stops.contains { $0.person == d.demo.personAccount.name })
      let other = try await w.cases.myWeek(monday: d.monday, by: outsider)
      #expect(other.stops.isEmpty)

      // Everyone on the week was told, in the app (the demo's own two published weeks told them before).
      func about(_ week: Day, _ messages: [Message]) -> [Message] {
        messages.filter { $0.subject.hasSuffix(week.longText) }
      }
      let messages = about(d.monday, try await w.cases.messages(by: person))
      #expect(messages.map(\.subject) == ["Who is coming in the week of \(d.monday.longText)"])
      #expect(messages.first?.link == "/teams/\(d.demo.person.id)/week?week=\(d.monday.iso)")
      // And by mail (a job a message, queued with the publication).
      try await w.cases.runDueJobs(worker: "test")
      let mailed = await w.mail.sent.filter {
        $0.to == d.demo.personAccount.email && $0.subject == "Who is coming in the week of \(d.monday.longText)"
      }
      #expect(mailed.count == 1)
      #expect(
        mailed.first?.body.contains("https://coop.example/teams/\(d.demo.person.id)/week?week=\(d.monday.iso)") == true)
      let workerAsker = try await w.cases.requester(for: workerAccount)
      #expect(
        about(d.monday, try await w.cases.messages(by: workerAsker)).map(\.link) == ["/my-week?week=\(d.monday.iso)"])

      // A second plan replaces nothing until it is published; with nothing changed, nobody is told again.
      _ = try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      try await w.cases.runDueJobs(worker: "test")
      page = try await w.cases.weekPlan(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      #expect(page.shown?.number == 2)
      #expect(page.published?.id == published.id)
      #expect(page.changes?.isEmpty == true)  // the same seed and facts: the same plan
      let second = try #require(page.shown)
      try await w.cases.publishWeek(second.id, edits: second.edits, circle: d.hebden.id, by: d.keeper)
      #expect(about(d.monday, try await w.cases.messages(by: person)).count == 1)
      #expect(page.versions.map(\.number) == [2, 1])
    }
  }

  @Test(arguments: Engine.allCases)
  func onlyTheCirclesRotaKeeperPlansStopsAndPublishes(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await Self.demo(w)
      let worker = try await w.cases.requester(for: d.demo.teamWorker)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: worker)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.weekPlan(circle: d.hebden.id, monday: d.monday, by: worker)
      }
      await #expect(throws: CareError.invalid([FieldError("week", "A week starts on a Monday")])) {
        try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday.adding(days: 2), by: d.keeper)
      }
      // Stopped before the job ran: the job keeps nothing, the page says it was stopped.
      let version = try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.stopPlanningWeek(circle: d.hebden.id, by: worker)
      }
      try await w.cases.stopPlanningWeek(circle: d.hebden.id, by: d.keeper)
      try await w.cases.stopPlanningWeek(circle: d.hebden.id, by: d.keeper)  // nothing to stop: nothing happens
      try await w.cases.runDueJobs(worker: "test")
      let page = try await w.cases.weekPlan(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      #expect(page.shown == nil)
      #expect(page.endedWithoutPlan?.state == .cancelled)
      #expect(try await w.store.visits(week: version.id).isEmpty)
      await #expect(throws: CareError.self) {
        try await w.cases.publishWeek(version.id, edits: 0, circle: d.hebden.id, by: d.keeper)
      }
      let events = try await w.store.auditEvents(coop: d.demo.coop.id)
      #expect(events.contains { $0.action == .stopPlanningWeek && $0.actorID == d.demo.rotaKeeper.id })
      #expect(events.contains { $0.action == .planWeek && $0.actorID == d.demo.rotaKeeper.id })
    }
  }

  /// Two rota keepers pressing "plan" at the same moment: one plan is made, the other is told why (the
  /// unique index on a circle's week in planning, on both engines).
  @Test(arguments: Engine.allCases)
  func racingPlansStartOnlyOne(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await Self.demo(w)
      let waiting = try await w.store.jobCounts().waiting  // the demo's last week's mail
      let results = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<16 {
          group.addTask {
            (try? await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)) != nil
          }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(results.filter { $0 }.count == 1)
      let versions = try await w.store.rotaWeeks(circle: d.hebden.id, monday: d.monday)
      #expect(versions.count == 1)
      #expect(try await w.store.jobCounts().waiting == waiting + 1, "one plan queued")
    }
  }

  /// `carecoop demo` publishes this week and next for every circle. Re-scored from the database with the
  /// engine's independent evaluator: no broken rule (consent, availability, declined workers, skills,
  /// travel limits, time windows); every agreed visit has its workers; and at least 95 % of people see only
  /// their chosen workers plus their named backup, at most 3 + 1.
  @Test(arguments: Engine.allCases)
  func theDemosPublishedWeeksPassTheIndependentEvaluator(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (demo, _) = try #require(try await w.cases.seedDemo())
      let thisWeek = CoopCalendar.london.weekStart(of: w.cases.today)
      var people = 0
      var within = 0
      for monday in [thisWeek, thisWeek.adding(days: 7)] {
        for circle in try await w.store.circles(coop: demo.coop.id) {
          let published = try #require(try await w.store.publishedWeek(circle: circle.id, monday: monday))
          let visits = try await w.store.visits(week: published.id)
          let facts = try #require(try await w.store.circleWeekFacts(circle.id, coop: demo.coop.id, on: monday))
          let (week, notReady) = Cases.weekToPlan(facts, monday: monday)
          #expect(notReady.isEmpty)
          let (report, unplaced) = WeekPlanner().check(
            week,
            visits.map {
              VisitOnPlan(
                person: $0.personID, pattern: $0.pattern, slot: $0.slot, day: $0.day, start: $0.start,
                worker: $0.workerID)
            })
          #expect(report.violations.isEmpty, "\(circle.name) \(monday): \(report.violations.prefix(5))")
          #expect(unplaced.isEmpty)
          let wanted = week.people.flatMap { p in p.pattern.visits.map { $0.days.count * $0.workers } }.reduce(0, +)
          #expect(visits.count == wanted, "every agreed visit has its workers")
          for person in week.people {
            people += 1
            let seen = Set(visits.filter { $0.personID == person.id }.map(\.workerID))
            let choice = Set(person.pattern.chosen + [person.pattern.backup].compactMap { $0 })
            let regulars = seen.subtracting([person.pattern.backup].compactMap { $0 })
            if seen.isSubset(of: choice) && regulars.count <= 3 { within += 1 }
          }
        }
      }
      #expect(people == 24)
      #expect(Double(within) / Double(people) >= 0.95, "\(within) of \(people)")
      // Breaking a rule is caught: Tuesday's first visit given to someone the person declined or who is
      // not in their team.
      let monday = thisWeek
      let circle = try #require(try await w.store.circles(coop: demo.coop.id).first)
      let published = try #require(try await w.store.publishedWeek(circle: circle.id, monday: monday))
      let facts = try #require(try await w.store.circleWeekFacts(circle.id, coop: demo.coop.id, on: monday))
      let (week, _) = Cases.weekToPlan(facts, monday: monday)
      var kept = try await w.store.visits(week: published.id).map {
        VisitOnPlan(
          person: $0.personID, pattern: $0.pattern, slot: $0.slot, day: $0.day, start: $0.start, worker: $0.workerID)
      }
      let first = kept[0]
      let weekday = try #require(Weekday(rawValue: (0..<7).first { monday.adding(days: $0) == first.day } ?? -1))
      let team = try #require(week.people.first { $0.id == first.person }).team
      let stranger = try #require(
        week.workers.first { !team.contains($0.id) && $0.zone.available(on: weekday) != nil })
      kept[0] = VisitOnPlan(
        person: first.person, pattern: first.pattern, slot: first.slot, day: first.day, start: first.start,
        worker: stranger.id)
      let (broken, unplaced) = WeekPlanner().check(week, kept)
      #expect(unplaced.isEmpty)
      #expect(broken.violations.contains { $0.contains("has not agreed to visit person \(first.person)") })
    }
  }

  /// The rota keeper's hand changes: a change that breaks a rule is refused with the reason in plain words
  /// and changes nothing; a legal one is kept (and its pair's partner follows); a change made on an old look
  /// at the draft is refused.
  @Test(arguments: Engine.allCases)
  func handChangesAreCheckedAndKept(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await Self.demo(w)
      _ = try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      try await w.cases.runDueJobs(worker: "test")
      let draft = try #require(try await w.store.rotaWeeks(circle: d.hebden.id, monday: d.monday).first)
      let visits = try await w.store.visits(week: draft.id)
      let facts = try #require(try await w.store.circleWeekFacts(d.hebden.id, coop: d.demo.coop.id, on: d.monday))
      let visit = try #require(visits.first { $0.personID == d.demo.person.id })
      let person = try #require(facts.people.first { $0.id == visit.personID })

      // Someone outside the person's team: refused, with who and why.
      let outsider = try #require(facts.workers.first { !person.teamWorkers.contains($0.id) && $0.zone != nil })
      do {
        try await w.cases.changeVisit(
          visit.id, circle: d.hebden.id, to: outsider.id, start: visit.start, edits: draft.edits, by: d.keeper)
        Issue.record("a worker outside the team was given the visit")
      } catch CareError.invalid(let fields) {
        #expect(fields.map(\.message).contains("\(outsider.name) is not in \(person.name)'s team"))
      }
      // At three in the morning: outside the person's window.
      do {
        try await w.cases.changeVisit(
          visit.id, circle: d.hebden.id, to: visit.workerID, start: 3 * 60, edits: draft.edits, by: d.keeper)
        Issue.record("a visit was moved outside the person's window")
      } catch CareError.invalid(let fields) {
        #expect(fields.contains { $0.message.hasPrefix("\(person.name) wants this visit to start between") })
      }
      #expect(try await w.store.visits(week: draft.id) == visits, "nothing changed")

      // A legal change: the first that every rule allows among the team's workers and the visit's own time.
      var kept: RotaVisit?
      search: for candidate in visits where candidate.slot == 0 {
        let theirs = try #require(facts.people.first { $0.id == candidate.personID })
        for worker in theirs.teamWorkers.sorted(by: { $0.description < $1.description })
        where worker != candidate.workerID {
          if let done = try? await w.cases.changeVisit(
            candidate.id, circle: d.hebden.id, to: worker, start: candidate.start, edits: draft.edits, by: d.keeper)
          {
            kept = done
            break search
          }
        }
      }
      let changed = try #require(kept, "no legal change found in the whole week")
      let after = try #require(try await w.store.rotaWeek(draft.id))
      #expect(after.edits == draft.edits + 1)
      let stored = try await w.store.visits(week: draft.id)
      #expect(stored.first { $0.id == changed.id }?.workerID == changed.workerID)
      #expect(
        stored.filter { $0.id != changed.id }
          == visits.filter { $0.id != changed.id }.map { v in
            // A two-worker visit's other half now names the new partner.
            v.personID == changed.personID && v.pattern == changed.pattern && v.day == changed.day
              ? RotaVisit(
                id: v.id, weekID: v.weekID, personID: v.personID, pattern: v.pattern, slot: v.slot, day: v.day,
                start: v.start, length: v.length, usualStart: v.usualStart, window: v.window, tasks: v.tasks,
                workerID: v.workerID, partnerID: changed.workerID)
              : v
          })
      // The whole draft still passes the engine's independent evaluator.
      let (plan, _) = Cases.weekToPlan(facts, monday: d.monday)
      #expect(WeekPlanner().check(plan, stored.map(VisitOnPlan.init)).report.violations.isEmpty)
      // A change made on the old look is refused: someone changed the draft since.
      await #expect(throws: CareError.self) {
        try await w.cases.changeVisit(
          changed.id, circle: d.hebden.id, to: visit.workerID, start: changed.start, edits: draft.edits,
          by: d.keeper)
      }
      // Only the rota keeper.
      let worker = try await w.cases.requester(for: d.demo.teamWorker)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.changeVisit(
          changed.id, circle: d.hebden.id, to: visit.workerID, start: changed.start, edits: after.edits, by: worker)
      }
      let events = try await w.store.auditEvents(coop: d.demo.coop.id)
      #expect(events.filter { $0.action == .changeVisit }.count == 1)
    }
  }

  /// Calendar feeds: a worker's feed has their published visits; after a republish that gives one of them to
  /// someone else, it is sent as cancelled with its SEQUENCE raised, and the person's feed shows the new
  /// worker under the same UID. A stopped address is not found.
  @Test(arguments: Engine.allCases)
  func calendarFeedsFollowThePublishedVersions(engine: Engine) async throws {
    try await withCases(engine) { w in
      let d = try await Self.demo(w)
      _ = try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      try await w.cases.runDueJobs(worker: "test")
      let first = try #require(try await w.store.rotaWeeks(circle: d.hebden.id, monday: d.monday).first)
      try await w.cases.publishWeek(first.id, edits: first.edits, circle: d.hebden.id, by: d.keeper)
      let visits = try await w.store.visits(week: first.id)
      let visit = try #require(visits.first { $0.personID == d.demo.person.id && $0.slot == 0 })
      let worker = try await w.cases.requester(for: try #require(try await w.store.account(visit.workerID)))
      let token = try await w.cases.startMyCalendar(by: worker)
      func events(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "BEGIN:VEVENT").dropFirst().map {
          String($0)
        }
      }
      let today = w.cases.today
      let theirs = try await w.store.publishedVisits(
        worker: worker.account.id, from: today.adding(days: -14), through: today.adding(days: 56))
      let before = try await w.cases.calendar(token: token)
      #expect(events(before).count == theirs.count)
      let uid = "UID:\(visit.key)@carecoop"
      let event = try #require(events(before).first { $0.contains(uid) })
      #expect(event.contains("SEQUENCE:0"))
      #expect(event.contains("STATUS:CONFIRMED"))
      #expect(event.contains("LOCATION:"))
      #expect(event.contains("SUMMARY:Visit to \(d.demo.personAccount.name)"))

      // Version 2 gives that visit to someone else, and is published.
      _ = try await w.cases.startPlanningWeek(circle: d.hebden.id, monday: d.monday, by: d.keeper)
      try await w.cases.runDueJobs(worker: "test")
      let second = try #require(try await w.store.rotaWeeks(circle: d.hebden.id, monday: d.monday).first)
      let same = try #require(try await w.store.visits(week: second.id).first { $0.key == visit.key })
      let other = try #require(
        d.demo.everyone.first { $0.id != visit.workerID && $0.id != same.partnerID && $0.id != d.demo.personAccount.id }
      )
      let permit = try AccessPolicy.permit(d.keeper, .planWeek(coop: d.demo.coop.id, circle: d.hebden.id))
      _ = try await w.store.changeVisit(
        same.id, in: second.id, to: other.id, start: same.start, edits: second.edits, permit: permit, env: w.clock.env)
      try await w.cases.publishWeek(second.id, edits: second.edits + 1, circle: d.hebden.id, by: d.keeper)

      let after = try #require(events(try await w.cases.calendar(token: token)).first { $0.contains(uid) })
      #expect(after.contains("STATUS:CANCELLED"))
      #expect(after.contains("SEQUENCE:1"))
      // The person's feed: the same UID, raised, with the new worker.
      let person = try await w.cases.requester(for: d.demo.personAccount)
      let personToken = try await w.cases.startPersonCalendar(d.demo.person.id, by: person)
      let theirEvent = try #require(events(try await w.cases.calendar(token: personToken)).first { $0.contains(uid) })
      #expect(theirEvent.contains("SEQUENCE:1"))
      #expect(theirEvent.contains("STATUS:CONFIRMED"))
      #expect(theirEvent.contains(other.name))
      #expect(!theirEvent.contains("LOCATION:"), "no address on the person's feed")

      // Stopped, or replaced by a new address: the old one is not found.
      let renewed = try await w.cases.startMyCalendar(by: worker)
      await #expect(throws: CareError.notFound) { try await w.cases.calendar(token: token) }
      try await w.cases.stopMyCalendar(by: worker)
      await #expect(throws: CareError.notFound) { try await w.cases.calendar(token: renewed) }
      // Someone outside the team cannot get the person's feed.
      let outsider = try await w.cases.requester(for: d.demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) {
        try await w.cases.startPersonCalendar(d.demo.person.id, by: outsider)
      }
    }
  }
}
