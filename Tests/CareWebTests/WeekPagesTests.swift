import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The week through the real server, on both engines: the rota keeper plans (the engine runs as a job,
/// its progress on the page), publishes; the person sees who is coming; the worker sees their week.
@Suite("Pages: the week of care")
struct WeekPagesTests {
  @Test(arguments: Engine.allCases)
  func theRotaKeeperPlansAndPublishesAndEveryoneSeesTheirWeek(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let keeper = try await t.session(for: demo.rotaKeeper)
      let circle = try #require(try await t.store.circles(coop: demo.coop.id).first { $0.name == "Hebden Bridge" })
      let circlePage = try await t.send(.GET, "/circles/\(circle.id)", session: keeper)
      #expect(circlePage.text.contains("href=\"/circles/\(circle.id)/week\""), "the circle page links the week")
      let monday = CoopCalendar.london.weekStart(of: CoopCalendar.london.day(of: t.clock.env.now()))
      let weekPath = "/circles/\(circle.id)/week?week=\(monday.iso)"

      let empty = try await t.send(.GET, weekPath, session: keeper)
      #expect(empty.status == .ok)
      #expect(empty.text.contains("Plan this week"))

      let started = try await t.send(
        .POST, "/circles/\(circle.id)/week/plan", session: keeper, form: ["week": monday.iso])
      #expect(started.status == .seeOther)
      #expect(started.headers.first(name: .location) == weekPath)
      let planning = try await t.send(.GET, weekPath, session: keeper)
      #expect(planning.text.contains("The rota engine is planning version 1"))
      #expect(planning.text.contains("<progress"))
      let progress = try await t.send(.GET, "/circles/\(circle.id)/week/progress?week=\(monday.iso)", session: keeper)
      #expect(progress.status == .ok)
      #expect(progress.text.contains("\"state\":\"planning\""))
      // A second press while it plans: the reason, on the page, and still one plan.
      let again = try await t.send(
        .POST, "/circles/\(circle.id)/week/plan", session: keeper, form: ["week": monday.iso])
      #expect(again.status == .conflict)
      #expect(again.text.contains("The rota engine is already planning a week for this circle"))
      #expect(again.text.contains("error-summary"))

      await t.app.care.jobs.drain()
      let draft = try await t.send(.GET, weekPath, session: keeper)
      #expect(draft.text.contains("Draft version 1"))
      #expect(draft.text.contains("Every visit has a worker."))
      #expect(draft.text.contains("Alan Whitworth"))
      let version = try #require(try await t.store.rotaWeeks(circle: circle.id, monday: monday).first)
      #expect(version.state == .draft)

      // A hand change that breaks a rule is refused on the form, with the reason; nothing changes.
      let visits = try await t.store.visits(week: version.id)
      let target = try #require(visits.first { $0.personID == demo.person.id })
      let formPath = "/circles/\(circle.id)/week/visits/\(target.id)"
      #expect(draft.text.contains("href=\"\(formPath)\""), "each visit of the draft can be changed")
      let form = try await t.send(.GET, formPath, session: keeper)
      #expect(form.status == .ok)
      #expect(form.text.contains("Who will do it?"))
      let badTime = try await t.send(
        .POST, formPath, session: keeper,
        form: ["week": monday.iso, "worker": target.workerID.description, "start": "25:00", "edits": "0"])
      #expect(badTime.status == .unprocessableEntity)
      #expect(badTime.text.contains("Give a time of day, like 08:30"))
      let outsider = try await t.send(
        .POST, formPath, session: keeper,
        form: [
          "week": monday.iso, "worker": demo.otherCircleWorker.id.description,
          "start": CoopCalendar.clockText(target.start), "edits": "0",
        ])
      #expect(outsider.status == .unprocessableEntity)
      #expect(
        outsider.text.contains("\(demo.otherCircleWorker.name) is not in \(demo.personAccount.name)&#x27;s team")
          || outsider.text.contains("\(demo.otherCircleWorker.name) is not in \(demo.personAccount.name)'s team")
          || outsider.text.contains("have not said when they can work"))
      #expect(outsider.text.contains("error-summary"))
      #expect(try await t.store.visits(week: version.id) == visits)
      // A change made on an old look at the draft: the reason, linked to the form's choice of worker.
      let staleChange = try await t.send(
        .POST, formPath, session: keeper,
        form: [
          "week": monday.iso, "worker": target.workerID.description,
          "start": CoopCalendar.clockText(target.start), "edits": "\(version.edits + 5)",
        ])
      #expect(staleChange.status == .conflict)
      #expect(staleChange.text.contains("href=\"#worker\""))
      #expect(staleChange.text.contains("since you looked at it"))

      // Nobody sees the draft but the rota keeper.
      let person = try await t.session(for: demo.personAccount)
      let before = try await t.send(.GET, "/teams/\(demo.person.id)/week?week=\(monday.iso)", session: person)
      #expect(before.status == .ok)
      #expect(before.text.contains("not ready yet"))

      // Publishing a draft changed since it was looked at is refused, with the reason.
      let stale = try await t.send(
        .POST, "/circles/\(circle.id)/week/publish", session: keeper,
        form: ["week": monday.iso, "version": version.id.description, "edits": "\(version.edits + 1)"])
      #expect(stale.status == .conflict)
      #expect(stale.text.contains("look again before publishing"))
      let published = try await t.send(
        .POST, "/circles/\(circle.id)/week/publish", session: keeper,
        form: ["week": monday.iso, "version": version.id.description, "edits": "\(version.edits)"])
      #expect(published.status == .seeOther)
      #expect(try await t.send(.GET, weekPath, session: keeper).text.contains("The published week (version 1)"))

      // The person: who is coming, by name, with no address or task; their home page too, and a message.
      let theirWeek = try await t.send(.GET, "/teams/\(demo.person.id)/week?week=\(monday.iso)", session: person)
      #expect(theirWeek.text.contains("Who is coming to you"))
      let theirVisits = try await t.store.visits(week: version.id).filter { $0.personID == demo.person.id }
      let first = try #require(theirVisits.first)
      let worker = try #require(try await t.store.account(first.workerID))
      #expect(theirWeek.text.contains(worker.name))
      #expect(!theirWeek.text.contains("For: "), "no tasks on the person's view")
      let homePage = try await t.send(.GET, "/", session: person)
      #expect(homePage.text.contains("Who is coming"))
      #expect(homePage.text.contains("Messages"))
      #expect(homePage.text.contains("/teams/\(demo.person.id)/week?week=\(monday.iso)"))

      // The worker: their own visits with the address and what each is for.
      let workerSession = try await t.session(for: worker)
      let mine = try await t.send(.GET, "/my-week?week=\(monday.iso)", session: workerSession)
      #expect(mine.status == .ok)
      #expect(mine.text.contains(demo.personAccount.name))
      #expect(mine.text.contains("For: "))
      // The worker's calendar: a private address shown once, iCalendar at it (no session needed), stopped.
      let link = try await t.send(.POST, "/my-week/calendar", session: workerSession, form: [:])
      #expect(link.status == .ok)
      let token = try #require(
        link.text.firstMatch(of: /\/calendars\/([A-Za-z0-9_-]+)/).map { String($0.output.1) })
      let feed = try await t.send(.GET, "/calendars/\(token)")
      #expect(feed.status == .ok)
      #expect(feed.headers.contentType?.description.hasPrefix("text/calendar") == true)
      #expect(feed.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
      #expect(feed.text.contains("DTSTART;TZID=Europe/London:"))
      #expect(try await t.send(.GET, "/my-week", session: workerSession).text.contains("Stop the calendar address"))
      #expect(try await t.send(.POST, "/my-week/calendar/stop", session: workerSession, form: [:]).status == .seeOther)
      #expect(try await t.send(.GET, "/calendars/\(token)").status == .notFound)

      // A worker from the other circle sees none of it.
      let other = try await t.send(
        .GET, "/my-week?week=\(monday.iso)", session: try await t.session(for: demo.otherCircleWorker))
      #expect(other.text.contains("You have no published visits this week."))
      #expect(!other.text.contains(demo.personAccount.name))

      // Bad weeks: the reason, not a crash.
      // Any day names its week; a day that is no date, or far off, gets the reason, not a crash.
      let tuesday = try await t.send(
        .GET, "/circles/\(circle.id)/week?week=\(monday.adding(days: 1).iso)", session: keeper)
      #expect(tuesday.status == .ok)
      #expect(tuesday.text.contains("the week from \(monday.longText)"))
      let nonsense = try await t.send(.GET, "/my-week?week=soon", session: workerSession)
      #expect(nonsense.status == .unprocessableEntity)
      #expect(nonsense.text.contains("Give a day of the week as a date, like 2026-12-07"))
      let farOff = try await t.send(.GET, "/my-week?week=2450-01-05", session: workerSession)
      #expect(farOff.status == .unprocessableEntity)
    }
  }

  /// The same through the API: plan (202), the job, the week with its visits, publish, my week, messages.
  @Test(arguments: Engine.allCases)
  func theAPIPlansPublishesAndShowsTheWeek(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let keeper = try await t.session(for: demo.rotaKeeper, kind: "api")
      let circle = try #require(try await t.store.circles(coop: demo.coop.id).first { $0.name == "Hebden Bridge" })
      let monday = CoopCalendar.london.weekStart(of: CoopCalendar.london.day(of: t.clock.env.now())).adding(days: 7)
      let plan = try await t.send(
        .POST, "/api/v1/circles/\(circle.id)/week/plans", bearer: keeper, json: #"{"week":"\#(monday.iso)"}"#)
      #expect(plan.status == .accepted)
      struct Version: Decodable {
        let id: String
        let state: String
        let edits: Int
      }
      let version = try plan.content.decode(Version.self)
      #expect(version.state == "planning")
      await t.app.care.jobs.drain()
      struct Week: Decodable {
        let versions: [Version]
        let visits: [Visit]
        struct Visit: Decodable {
          let id: String
          let person: String
          let worker: String
          let start: String
        }
      }
      let week = try await t.send(.GET, "/api/v1/circles/\(circle.id)/week?week=\(monday.iso)", bearer: keeper)
      #expect(week.status == .ok)
      let body = try week.content.decode(Week.self)
      #expect(body.versions.map(\.state) == ["draft"])
      #expect(body.visits.count >= 42)
      let publish = try await t.send(
        .POST, "/api/v1/circles/\(circle.id)/week/publish", bearer: keeper,
        json: #"{"version":"\#(version.id)","edits":0}"#)
      #expect(publish.status == .ok)
      // A published week is no draft: a hand change to it is refused with problem JSON.
      let lateChange = try await t.send(
        .PUT, "/api/v1/circles/\(circle.id)/week/visits/\(try #require(body.visits.first).id)", bearer: keeper,
        json: #"{"worker":"\#(try #require(body.visits.first).worker)","start":"09:00","edits":0}"#)
      #expect(lateChange.status == .conflict)
      let again = try await t.send(
        .POST, "/api/v1/circles/\(circle.id)/week/publish", bearer: keeper,
        json: #"{"version":"\#(version.id)","edits":0}"#)
      #expect(again.status == .conflict)
      #expect(again.headers.contentType?.description.contains("problem+json") == true)

      let worker = try #require(body.visits.first).worker
      let workerID = try #require(ID<Account>(string: worker))
      let workerAccount = try #require(try await t.store.account(workerID))
      let token = try await t.session(for: workerAccount, kind: "api")
      let mine = try await t.send(.GET, "/api/v1/my-week?week=\(monday.iso)", bearer: token)
      #expect(mine.status == .ok)
      #expect(mine.text.contains("\"address\""))
      let messages = try await t.send(.GET, "/api/v1/messages", bearer: token)
      #expect(messages.text.contains("Your visits in the week of \(monday.longText)"))
      let personToken = try await t.session(for: demo.personAccount, kind: "api")
      let theirs = try await t.send(
        .GET, "/api/v1/teams/\(demo.person.id)/week?week=\(monday.iso)", bearer: personToken)
      #expect(theirs.status == .ok)
      #expect(theirs.text.contains("\"isPublished\":true"))
      #expect(!theirs.text.contains("address"))
      let notADate = try await t.send(
        .POST, "/api/v1/circles/\(circle.id)/week/plans", bearer: keeper, json: #"{"week":"next week"}"#)
      #expect(notADate.status == .unprocessableEntity)
      // Signed out, the week's address is refused as signed out, whatever the week says.
      let anonymous = try await t.send(.GET, "/api/v1/my-week?week=soon")
      #expect(anonymous.status == .unauthorized)
    }
  }

  /// Cover through the real server: the worker says they cannot make a visit on their week's page; the
  /// person's backup is asked first, sees the offer (no address yet), says yes; the person's week shows
  /// the backup at once; the mail went out.
  @Test(arguments: Engine.allCases)
  func aVisitGoesToTheBackupFirstThroughThePages(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let cases = t.app.care.cases
      let (demo, _) = try #require(try await cases.seedDemo())
      let next = CoopCalendar.london.weekStart(of: cases.today).adding(days: 7)
      let person = try await cases.requester(for: demo.personAccount)
      let week = try await cases.personWeek(demo.person.id, monday: next, by: person)
      var found: (RotaVisit, CoverOffer, String)?
      for shown in week.visits where !shown.isBackup {
        let visit = shown.visit
        let worker = try #require(try await t.store.account(visit.workerID))
        let session = try await t.session(for: worker)
        let myWeek = try await t.send(.GET, "/my-week?week=\(next.iso)", session: session)
        #expect(myWeek.text.contains("href=\"/my-week/visits/\(visit.id)/cover\""))
        let form = try await t.send(.GET, "/my-week/visits/\(visit.id)/cover", session: session)
        #expect(form.status == .ok)
        #expect(form.text.contains("Tell the co-op I cannot come"))
        let asked = try await t.send(
          .POST, "/my-week/visits/\(visit.id)/cover", session: session, form: ["reason": "Dentist"])
        #expect(asked.status == .seeOther)
        let after = try await t.send(.GET, "/my-week?week=\(next.iso)", session: session)
        #expect(after.text.contains("You said you cannot make this"))
        let request = try #require(try await t.store.coverAsked(worker: worker.id, from: next).last)
        if request.tier == .backup,
          let offer = try await t.store.coverOffers(request: request.id).first(where: { $0.state == .offered })
        {
          found = (visit, offer, session)
          break
        }
      }
      let (visit, offer, _) = try #require(found)
      let backup = try #require(try await t.store.account(offer.workerID))
      let backupSession = try await t.session(for: backup)
      let coverPage = try await t.send(.GET, "/my-week/cover", session: backupSession)
      #expect(coverPage.status == .ok)
      #expect(coverPage.text.contains("Yes, I will go"))
      #expect(coverPage.text.contains(demo.personAccount.name))
      let backupToken = try await t.session(for: backup, kind: "api")
      let api = try await t.send(.GET, "/api/v1/my-week/cover", bearer: backupToken)
      #expect(api.status == .ok)
      #expect(api.text.contains("\"id\":\"\(offer.id)\""))
      #expect(!api.text.contains("\"address\""), "no address before they say yes")
      let bad = try await t.send(.POST, "/my-week/cover/\(offer.id)", session: backupSession, form: ["answer": "maybe"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains("Say yes or no"))
      let yes = try await t.send(.POST, "/my-week/cover/\(offer.id)", session: backupSession, form: ["answer": "yes"])
      #expect(yes.status == .seeOther)
      let personSession = try await t.session(for: demo.personAccount)
      let theirs = try await t.send(.GET, "/teams/\(demo.person.id)/week?week=\(next.iso)", session: personSession)
      #expect(theirs.text.contains("\(backup.name) is the backup worker"))
      let now = try await cases.personWeek(demo.person.id, monday: next, by: person)
      #expect(now.visits.first { $0.visit.key == visit.key }?.visit.workerID == backup.id)
      // Taken: a second yes is a conflict, in problem JSON from the API.
      let again = try await t.send(
        .POST, "/api/v1/my-week/cover/\(offer.id)", bearer: backupToken, json: #"{"answer":"yes"}"#)
      #expect(again.status == .conflict)
      await t.app.care.jobs.drain()
      let sent = await t.mail.sent
      #expect(sent.contains { $0.subject.hasPrefix("Can you cover a visit on") })
      #expect(sent.contains { $0.subject.hasPrefix("\(backup.name) is coming on") })
    }
  }
}
