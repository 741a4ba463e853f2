import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareStore

@Suite("Use cases: the register of members")
struct MemberCasesTests {
  @Test(arguments: Engine.allCases)
  func someoneAlreadyInTheCoopBecomesAMemberOnceWithTheirOwnAccount(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (_, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let circle = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      // Pat has no e-mail address: before, a membership meant a second, duplicate account.
      let team = try await w.cases.addPerson(
        NewPerson(name: "Pat Person", email: nil, circleID: circle.id.description, communicationNeeds: nil), by: admin)
      let pat = team.personAccount
      #expect(try await w.cases.membershipCandidates(by: admin).map(\.name).contains("Pat Person"))
      let input = NewMembership(
        accountID: pat.id.description, memberClass: .supported, joinedOn: "2026-05-01", sharePence: 100)
      let (member, account) = try await w.cases.giveMembership(input, by: admin)
      #expect(account.id == pat.id && member.memberClass == .supported)
      let register = try await w.cases.memberRegister(by: admin).register
      #expect(register.filter { $0.1.name == "Pat Person" }.count == 1)
      #expect(register.first { $0.1.id == pat.id }?.0.sharePence == 100)
      #expect(try await !w.cases.membershipCandidates(by: admin).map(\.id).contains(pat.id))
      let accounts = try await w.store.accounts(coop: admin.coopID).filter { $0.name == "Pat Person" }
      #expect(accounts.count == 1)  // still one account
      // One account, one membership.
      await #expect(throws: CareError.conflict(FieldError("accountID", "Pat Person is already a member"))) {
        try await w.cases.giveMembership(input, by: admin)
      }
      // Bad input names every field; an account of no co-op here is an unknown reference.
      await #expect(throws: CareError.self) {
        try await w.cases.giveMembership(
          NewMembership(accountID: "", memberClass: nil, joinedOn: "yesterday", sharePence: -1), by: admin)
      }
      await #expect(throws: CareError.unknownReference(FieldError("accountID", "Select who is joining"))) {
        try await w.cases.giveMembership(
          NewMembership(accountID: UUID().uuidString, memberClass: .worker, joinedOn: "2026-05-01", sharePence: 0),
          by: admin)
      }
      // Only those who may change the register.
      let patRequester = try await w.cases.requester(for: pat)
      await #expect(throws: CareError.forbidden) { try await w.cases.membershipCandidates(by: patRequester) }
    }
  }

  /// The register as a file for a spreadsheet: every membership, past ones too, with who can vote today; a
  /// name a spreadsheet would run as a formula is made plain text; only those who keep the register may
  /// download it, and each download is in the audit log.
  @Test(arguments: Engine.allCases)
  func theRegisterDownloadsAsCSVForThoseWhoKeepIt(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let (tricky, _) = try await w.cases.addMember(
        NewMember(
          name: "=HYPERLINK(\"http://x\",\"Smith, Jo\")", email: nil, memberClass: .community,
          joinedOn: "2026-05-01", sharePence: 150), by: admin)
      _ = try await w.cases.changeMember(
        tricky.id, MemberChange(memberClass: .community, sharePence: 150, leftOn: "2026-05-20"), by: admin)
      let file = try await w.cases.registerFile(by: admin)
      #expect(file.fileName == "member-register-2026-05-28.csv")
      let lines = file.csv.components(separatedBy: "\r\n")
      #expect(lines[0] == "Name,Email,Class,Joined,Left,Share (GBP),Votes today" && lines.last == "")
      let register = try await w.cases.memberRegister(by: admin).register
      #expect(lines.count == register.count + 2)
      #expect(
        lines.contains(
          #""'=HYPERLINK(""http://x"",""Smith, Jo"")",,Community member,2026-05-01,2026-05-20,1.50,no"#))
      #expect(lines.contains { $0.hasPrefix("\(demo.arranger.name),\(demo.arranger.email!),Supporter member,") })
      for who in [demo.personAccount, demo.teamWorker] {
        let requester = try await w.cases.requester(for: who)
        await #expect(throws: CareError.forbidden) { try await w.cases.registerFile(by: requester) }
      }
      let log = try await w.store.auditEvents(coop: demo.coop.id, limit: 500)
      #expect(log.filter { $0.action == .exportRegister }.map(\.actorID) == [demo.admin.id])
    }
  }

  @Test(arguments: Engine.allCases)
  func aMembersClassShareAndLeavingDayChangeAndTheAuditKeepsWhatTheyWere(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let (sam, samAccount) = try await w.cases.addMember(
        NewMember(
          name: "Sam Supporter", email: "sam@example.org", memberClass: .supporter, joinedOn: "2026-01-10",
          sharePence: 100),
        by: admin)
      let today = Day(iso: "2026-05-28")!
      #expect(sam.canVote(on: today))
      // Sam starts working for the co-op, pays a bigger share, and later leaves.
      let (worker, _) = try await w.cases.changeMember(
        sam.id, MemberChange(memberClass: .worker, sharePence: 500, leftOn: nil), by: admin)
      #expect(worker.memberClass == .worker && worker.sharePence == 500 && worker.leftOn == nil)
      let (left, _) = try await w.cases.changeMember(
        sam.id, MemberChange(memberClass: .worker, sharePence: 500, leftOn: "2026-05-01"), by: admin)
      #expect(left.leftOn == Day(iso: "2026-05-01") && !left.canVote(on: today))
      let register = try await w.cases.memberRegister(by: admin).register
      #expect(register.first { $0.1.id == samAccount.id }?.0.leftOn == Day(iso: "2026-05-01"))
      let lines = try await w.store.auditEvents(coop: coop.id).filter { $0.action == .changeMember }.map(\.detail)
      #expect(
        lines == [
          "Sam Supporter: left on 1 May 2026",
          "Sam Supporter: class Supporter member → Worker member; share £1.00 → £5.00",
        ])
      // Saving the same line again changes nothing and writes no line.
      _ = try await w.cases.changeMember(
        sam.id, MemberChange(memberClass: .worker, sharePence: 500, leftOn: "2026-05-01"), by: admin)
      #expect(try await w.store.auditEvents(coop: coop.id).filter { $0.action == .changeMember }.count == 2)
      // Leaving before joining, a negative share, no class: every field named, nothing written.
      await #expect(
        throws: CareError.invalid([
          FieldError("memberClass", "Select the class of membership"),
          FieldError("sharePence", "Enter the share as a whole number of pence from 0 to 10000000"),
          FieldError("leftOn", "The date they left must be on or after the date they joined, 10 January 2026"),
        ])
      ) {
        try await w.cases.changeMember(
          sam.id, MemberChange(memberClass: nil, sharePence: -5, leftOn: "2025-12-31"), by: admin)
      }
      #expect(try await w.cases.member(sam.id, by: admin).0.sharePence == 500)
      // Only those who keep the register; a member of no co-op here is not found.
      let samRequester = try await w.cases.requester(for: samAccount)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.changeMember(
          sam.id, MemberChange(memberClass: .community, sharePence: 0, leftOn: nil), by: samRequester)
      }
      await #expect(throws: CareError.notFound) {
        try await w.cases.changeMember(
          ID(UUID()), MemberChange(memberClass: .community, sharePence: 0, leftOn: nil), by: admin)
      }
    }
  }
}

@Suite("Use cases: splitting a circle")
struct CircleSplitCasesTests {
  @Test(arguments: Engine.allCases)
  func chosenTeamsAndWorkersMoveToTheNewCircleAndNothingElse(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let north = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      var teams: [Team] = []
      for name in ["Ann", "Bea", "Cal"] {
        teams.append(
          try await w.cases.addPerson(
            NewPerson(name: name, email: nil, circleID: north.id.description, communicationNeeds: nil), by: admin))
      }
      var workers: [Account] = []
      for name in ["Wil", "Xan"] {
        let (_, account) = try await w.cases.addMember(
          NewMember(name: name, email: nil, memberClass: .worker, joinedOn: "2026-01-01", sharePence: 100), by: admin)
        try await w.cases.joinOrLeaveCircle(north.id, join: true, by: try await w.cases.requester(for: account))
        workers.append(account)
      }
      // Nothing moves when anything is wrong: no team chosen, a name missing, a team from elsewhere.
      await #expect(throws: CareError.self) {
        try await w.cases.splitCircle(
          north.id, CircleSplit(circle: NewCircle(name: "", area: "Southtown"), people: [], workers: []), by: admin)
      }
      await #expect(throws: CareError.conflict(FieldError("people", "Select teams that are in North now"))) {
        try await w.cases.splitCircle(
          north.id,
          CircleSplit(
            circle: NewCircle(name: "South", area: "Southtown"), people: [UUID().uuidString],
            workers: [workers[0].id.description]),
          by: admin)
      }
      #expect(try await w.store.circles(coop: coop.id).map(\.name) == ["North"])
      let south = try await w.cases.splitCircle(
        north.id,
        CircleSplit(
          circle: NewCircle(name: "South", area: "Southtown"),
          people: [teams[1].person.id.description, teams[2].person.id.description.uppercased()],
          workers: [workers[1].id.description]),
        by: admin)
      let northNow = try await w.cases.circle(north.id, by: admin).detail
      let southNow = try await w.cases.circle(south.id, by: admin).detail
      #expect(northNow.people.map(\.1.name) == ["Ann"] && northNow.workers.map(\.name) == ["Wil"])
      #expect(Set(southNow.people.map(\.1.name)) == ["Bea", "Cal"] && southNow.workers.map(\.name) == ["Xan"])
      #expect(southNow.hats.count == northNow.hats.count, "the new circle has its own hats, vacant")
      // Xan's own view follows: he is in South now, not North.
      #expect(try await w.cases.requester(for: workers[1]).circleIDs == [south.id])
      let log = try await w.store.auditEvents(coop: coop.id)
      #expect(log.contains { $0.action == .splitCircle && $0.detail == "North → South: 2 teams, 1 workers" })
      #expect(log.filter { $0.action == .changePersonDetails && $0.personID == teams[1].person.id }.count == 1)
      // Only administrators split circles.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.splitCircle(
          south.id,
          CircleSplit(
            circle: NewCircle(name: "East", area: "Easttown"), people: [teams[1].person.id.description], workers: []),
          by: try await w.cases.requester(for: workers[1]))
      }
    }
  }
}

@Suite("Use cases: workers' engagements")
struct EngagementCasesTests {
  @Test(arguments: Engine.allCases)
  func aPayChangeIsANewEngagementFromADayAndTheOldOneEndsTheDayBefore(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let (_, wil) = try await w.cases.addMember(
        NewMember(
          name: "Wil Worker", email: "wil@example.org", memberClass: .worker, joinedOn: "2026-01-01",
          sharePence: 100),
        by: admin)
      let first = try await w.cases.startEngagement(
        NewEngagement(basis: .employed, hourlyPence: 1250, startedOn: "2026-01-05"), for: wil.id, by: admin)
      _ = try await w.cases.startEngagement(
        NewEngagement(basis: .employed, hourlyPence: 1350, startedOn: "2026-04-06"), for: wil.id, by: admin)
      let model = try await w.cases.engagements(of: wil.id, by: try await w.cases.requester(for: wil))
      #expect(model.engagements.map(\.hourlyPence) == [1350, 1250])
      #expect(model.engagements.last?.id == first.id && model.engagements.last?.endedOn == Day(iso: "2026-04-05"))
      #expect(model.current?.hourlyPence == 1350 && !model.mayChange, "the worker sees theirs, and changes nothing")
      // Going back past the current one, or bad input, changes nothing.
      await #expect(
        throws: CareError.conflict(
          FieldError("startedOn", "The new engagement must start after the current one started (6 April 2026)"))
      ) {
        try await w.cases.startEngagement(
          NewEngagement(basis: .selfEmployed, hourlyPence: 2000, startedOn: "2026-04-06"), for: wil.id, by: admin)
      }
      await #expect(throws: CareError.self) {
        try await w.cases.startEngagement(
          NewEngagement(basis: nil, hourlyPence: 0, startedOn: "2026-02-30"), for: wil.id, by: admin)
      }
      #expect(try await w.store.engagements(of: wil.id, coop: coop.id).count == 2)
      let lines = try await w.store.auditEvents(coop: coop.id).filter { $0.action == .startEngagement }
      #expect(lines.first?.detail == "Wil Worker: Employed by the co-op, £13.50 an hour from 6 April 2026")
      // The worker may not change it; nobody sees another worker's pay but those who keep it.
      let wilRequester = try await w.cases.requester(for: wil)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.startEngagement(
          NewEngagement(basis: .employed, hourlyPence: 9999, startedOn: "2026-06-01"), for: wil.id, by: wilRequester)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.engagements(of: adminAccount.id, by: wilRequester)
      }
    }
  }
}
