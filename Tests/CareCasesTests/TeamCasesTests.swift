import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareStore

/// The use cases, called as the pages and the API call them but without HTTP, on both engines.
@Suite("Use cases: teams, people, who looked")
struct TeamCasesTests {
  /// A co-op with a circle and Pat, whose team is empty; the administrator as a requester.
  func world(_ w: CasesWorld) async throws -> (admin: Requester, pat: Requester, team: Team) {
    let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
    let admin = try await w.cases.requester(for: adminAccount)
    let circle = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
    let team = try await w.cases.addPerson(
      NewPerson(name: "Pat Person", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
      by: admin)
    return (admin, try await w.cases.requester(for: team.personAccount), team)
  }

  @Test(arguments: Engine.allCases)
  func anInviteeSeesTheirInvitationOnlyUntilTheyAccept(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, pat, team) = try await world(w)
      let (_, result) = try await w.cases.invite(
        Invitation(name: "Mo Mum", email: "mo@example.org", relationship: .family, isArranger: true),
        to: team.person.id, by: pat)
      // The mail is a job queued with the invitation; it goes when the jobs run.
      #expect(await w.mail.sent.isEmpty)
      #expect(try await w.cases.runDueJobs(worker: "test") == 1)
      // A new account: the mail carries a link to choose a password, made from the site's own links.
      let mail = try #require(await w.mail.sent.last)
      #expect(mail.to == "mo@example.org")
      #expect(mail.subject == "Pat Person invites you into their team")
      #expect(mail.body.contains("https://coop.example/reset-password?token="))
      let mo = try await w.cases.requester(for: result.invitee)
      guard case .invitation(_, let entry) = try await w.cases.lookAtTeam(team.person.id, by: mo) else {
        Issue.record("an invitee must see the invitation, not the team")
        return
      }
      #expect(entry.account.id == mo.account.id)
      // The API's view refuses the invitee outright.
      await #expect(throws: CareError.notFound) { try await w.cases.viewTeam(team.person.id, by: mo) }
      try await w.cases.answerInvitation(to: team.person.id, accept: true, by: mo)
      guard case .team(let model) = try await w.cases.lookAtTeam(team.person.id, by: mo) else {
        Issue.record("a member must see the team")
        return
      }
      #expect(model.team.active.map(\.account.name) == ["Mo Mum"])
      #expect(model.mayChange)  // an arranger may change the team for Pat
      #expect(!model.isOwner)
    }
  }

  @Test(arguments: Engine.allCases)
  func everyLookIsWrittenDownAndAStrangerLeavesNoTrace(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (admin, pat, team) = try await world(w)
      let stranger = try await w.cases.addPerson(
        NewPerson(
          name: "Sam Stranger", email: "sam@example.org", circleID: team.circle.id.description,
          communicationNeeds: nil), by: admin)
      let sam = try await w.cases.requester(for: stranger.personAccount)
      _ = try await w.cases.lookAtTeam(team.person.id, by: pat)
      _ = try await w.cases.lookAtTeam(team.person.id, by: admin)
      await #expect(throws: CareError.notFound) { try await w.cases.lookAtTeam(team.person.id, by: sam) }
      await #expect(throws: CareError.notFound) { try await w.cases.whoLooked(at: team.person.id, page: 1, by: sam) }
      let page = try await w.cases.whoLooked(at: team.person.id, page: 1, by: pat)
      let looks = page.events.filter { $0.action == .viewTeam }.compactMap(\.actorID)
      #expect(looks == [admin.account.id, pat.account.id])  // newest first; Sam is not there
      #expect(page.isOwner)
      #expect(!page.hasOlder)
      // Reading the log is itself written down, and shows on the next read.
      let again = try await w.cases.whoLooked(at: team.person.id, page: 1, by: pat)
      #expect(again.events.first?.action == .viewWhoLooked)
    }
  }

  @Test(arguments: Engine.allCases)
  func aWorkerCannotAddPeopleAndNothingIsWritten(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (admin, pat, team) = try await world(w)
      let before = try await w.cases.people(by: admin).people.count
      let input = NewPerson(
        name: "Kit", email: "kit@example.org", circleID: team.circle.id.description, communicationNeeds: nil)
      await #expect(throws: CareError.self) { try await w.cases.addPerson(input, by: pat) }
      await #expect(throws: CareError.self) { try await w.cases.people(by: pat) }
      #expect(try await w.cases.people(by: admin).people.count == before)
      // Bad input from someone allowed: the field is named, nothing is written.
      await #expect(throws: CareError.unknownReference(FieldError("circleID", "Select a circle"))) {
        try await w.cases.addPerson(
          NewPerson(name: "Kit", email: nil, circleID: UUID().uuidString, communicationNeeds: nil), by: admin)
      }
      #expect(try await w.cases.people(by: admin).people.count == before)
    }
  }

  /// Another co-op's team, circle and hat are simply not there for a requester, whatever they hold.
  @Test(arguments: Engine.allCases)
  func anotherCoopsThingsAreNotFound(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (admin, _, team) = try await world(w)
      let (_, otherAdminAccount) = try await setUpCoop(w.store, w.clock, name: "Other", email: "boss@other.example")
      let other = try await w.cases.requester(for: otherAdminAccount)
      let hat = try #require(try await w.cases.hatsWithHolders(by: admin).first).hat
      await #expect(throws: CareError.notFound) { try await w.cases.lookAtTeam(team.person.id, by: other) }
      await #expect(throws: CareError.notFound) { try await w.cases.viewTeam(team.person.id, by: other) }
      await #expect(throws: CareError.notFound) { try await w.cases.teamToChange(team.person.id, by: other) }
      await #expect(throws: CareError.notFound) { try await w.cases.whoLooked(at: team.person.id, page: 1, by: other) }
      await #expect(throws: CareError.notFound) { try await w.cases.circle(team.circle.id, by: other) }
      await #expect(throws: CareError.notFound) { try await w.cases.hat(hat.id, by: other) }
      // Only workers join circles: an administrator is refused before anything is looked up.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.joinOrLeaveCircle(team.circle.id, join: true, by: other)
      }
      #expect(try await w.cases.circle(team.circle.id, by: admin).detail.workers.isEmpty)
      #expect(try await w.cases.circles(by: other).circles.isEmpty)
    }
  }
}

@Suite("Use cases: a person's details")
struct PersonDetailsCasesTests {
  @Test(arguments: Engine.allCases)
  func thePersonMovesTheirTeamToAnotherCircleAndTheLogSaysSo(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let north = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let south = try await w.cases.createCircle(NewCircle(name: "South", area: "Southport"), by: admin)
      let team = try await w.cases.addPerson(
        NewPerson(
          name: "Pat Person", email: "pat@example.org", circleID: north.id.description, communicationNeeds: nil),
        by: admin)
      let pat = try await w.cases.requester(for: team.personAccount)
      let model = try await w.cases.personDetails(team.person.id, by: pat)
      #expect(model.circles.map(\.name).sorted() == ["North", "South"])
      let moved = try await w.cases.changePersonDetails(
        team.person.id, PersonDetails(circleID: south.id.description, communicationNeeds: "  Easy Read, please "),
        by: pat)
      #expect(moved.team.circle.id == south.id)
      #expect(moved.team.person.communicationNeeds == "Easy Read, please")
      #expect(try await w.cases.circle(south.id, by: admin).detail.people.map(\.1.name) == ["Pat Person"])
      #expect(try await w.cases.circle(north.id, by: admin).detail.people.isEmpty)
      let log = try await w.cases.whoLooked(at: team.person.id, page: 1, by: pat).events
      let line = try #require(log.first { $0.action == .changePersonDetails })
      #expect(line.detail == "circle: North → South; communication needs changed")
      #expect(line.actorID == pat.account.id)
      // Saving the same again changes nothing and writes nothing.
      _ = try await w.cases.changePersonDetails(
        team.person.id, PersonDetails(circleID: south.id.description, communicationNeeds: "Easy Read, please"), by: pat)
      let again = try await w.cases.whoLooked(at: team.person.id, page: 1, by: pat).events
      #expect(again.filter { $0.action == .changePersonDetails }.count == 1)
    }
  }

  @Test(arguments: Engine.allCases)
  func onlyThePersonTheirArrangerAndAdministratorsChangeDetails(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let north = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let team = try await w.cases.addPerson(
        NewPerson(
          name: "Pat Person", email: "pat@example.org", circleID: north.id.description, communicationNeeds: nil),
        by: admin)
      let pat = try await w.cases.requester(for: team.personAccount)
      let (_, invited) = try await w.cases.invite(
        Invitation(name: "Fi Friend", email: "fi@example.org", relationship: .friend, isArranger: false),
        to: team.person.id, by: pat)
      let fi = try await w.cases.requester(for: invited.invitee)
      try await w.cases.answerInvitation(to: team.person.id, accept: true, by: fi)
      let details = PersonDetails(circleID: north.id.description, communicationNeeds: "Large print")
      await #expect(throws: CareError.forbidden) {
        try await w.cases.changePersonDetails(team.person.id, details, by: fi)
      }
      // An administrator may, and a circle of another co-op is not a choice.
      _ = try await w.cases.changePersonDetails(team.person.id, details, by: admin)
      let (_, otherAdmin) = try await setUpCoop(w.store, w.clock, name: "Other", email: "boss@other.example")
      let other = try await w.cases.requester(for: otherAdmin)
      let elsewhere = try await w.cases.createCircle(NewCircle(name: "Elsewhere", area: "Far"), by: other)
      await #expect(throws: CareError.unknownReference(FieldError("circleID", "Select a circle"))) {
        try await w.cases.changePersonDetails(
          team.person.id, PersonDetails(circleID: elsewhere.id.description, communicationNeeds: nil), by: admin)
      }
      await #expect(throws: CareError.notFound) {
        try await w.cases.changePersonDetails(team.person.id, details, by: other)
      }
      #expect(try await w.cases.viewTeam(team.person.id, by: pat).team.person.communicationNeeds == "Large print")
    }
  }
}

@Suite("Use cases: queued work")
struct JobCasesTests {
  @Test(arguments: Engine.allCases)
  func anInvitationAndItsMailCommitTogether(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let north = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let team = try await w.cases.addPerson(
        NewPerson(name: "Pat", email: "pat@example.org", circleID: north.id.description, communicationNeeds: nil),
        by: admin)
      let pat = try await w.cases.requester(for: team.personAccount)
      let invitation = Invitation(name: "Mo", email: "mo@example.org", relationship: .family, isArranger: false)
      _ = try await w.cases.invite(invitation, to: team.person.id, by: pat)
      #expect(try await w.store.jobCounts().waiting == 1)
      // Refused (already invited): no invitation, and no mail queued either.
      await #expect(throws: CareError.self) { try await w.cases.invite(invitation, to: team.person.id, by: pat) }
      #expect(try await w.store.jobCounts().waiting == 1)
      #expect(try await w.cases.runDueJobs(worker: "test") == 1)
      #expect(await w.mail.sent.map(\.to) == ["mo@example.org"])
      #expect(try await w.cases.runDueJobs(worker: "test") == 0)  // done once
    }
  }

  @Test(arguments: Engine.allCases)
  func aJobThatKeepsFailingIsTriedFiveTimesThenKeptWithItsError(engine: Engine) async throws {
    try await withCases(engine) { w in
      try await w.store.enqueue(JobKind.invitationMail.rawValue, payload: "not json", env: w.clock.env)
      try await w.store.enqueue("no.such.kind", payload: "{}", env: w.clock.env)
      #expect(try await w.cases.runDueJobs(worker: "test") == 2)
      // The unknown kind is given up at once; the broken one waits 1, 2, 4, 8 minutes between tries.
      #expect(try await w.store.jobCounts() == (waiting: 1, failed: 1))
      for wait in [60.0, 120, 240, 480] {
        #expect(try await w.cases.runDueJobs(worker: "test") == 0, "not before its wait")
        w.clock.advance(wait + 1)
        #expect(try await w.cases.runDueJobs(worker: "test") == 1)
      }
      #expect(try await w.store.jobCounts() == (waiting: 0, failed: 2))
    }
  }

  @Test(arguments: Engine.allCases)
  func aResetAskedForIsMailedWhenItsJobRuns(engine: Engine) async throws {
    try await withCases(engine) { w in
      _ = try await setUpCoop(w.store, w.clock)
      try await w.cases.askForPasswordReset(email: "admin@example.org", from: "10.0.0.1")
      try await w.cases.askForPasswordReset(email: "nobody@example.org", from: "10.0.0.1")
      #expect(await w.mail.sent.isEmpty)
      #expect(try await w.cases.runDueJobs(worker: "test") == 2)
      #expect(await w.mail.sent.map(\.to) == ["admin@example.org"])
    }
  }
}

@Suite("Use cases: a circle's page")
struct CircleCasesTests {
  /// The circle lists everyone it supports, but links only the teams the viewer may open, as the policy says
  /// team by team (facts for the whole circle read at once).
  @Test(arguments: Engine.allCases)
  func theCirclePageLinksOnlyTeamsTheViewerMayOpen(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let north = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let pat = try await w.cases.addPerson(
        NewPerson(name: "Pat", email: "pat@example.org", circleID: north.id.description, communicationNeeds: nil),
        by: admin)
      let sam = try await w.cases.addPerson(
        NewPerson(name: "Sam", email: "sam@example.org", circleID: north.id.description, communicationNeeds: nil),
        by: admin)
      let patAsker = try await w.cases.requester(for: pat.personAccount)
      let (_, invited) = try await w.cases.invite(
        Invitation(name: "Fi", email: "fi@example.org", relationship: .friend, isArranger: false),
        to: pat.person.id, by: patAsker)
      let fi = try await w.cases.requester(for: invited.invitee)
      #expect(try await w.cases.circle(north.id, by: fi).visibleTeams.isEmpty)  // invited only: nothing yet
      try await w.cases.answerInvitation(to: pat.person.id, accept: true, by: fi)
      let asFi = try await w.cases.circle(north.id, by: fi)
      #expect(asFi.detail.people.map(\.1.name).sorted() == ["Pat", "Sam"])
      #expect(asFi.visibleTeams == [pat.person.id])
      #expect(try await w.cases.circle(north.id, by: admin).visibleTeams == [pat.person.id, sam.person.id])
      #expect(try await w.cases.circle(north.id, by: patAsker).visibleTeams == [pat.person.id])
    }
  }
}
