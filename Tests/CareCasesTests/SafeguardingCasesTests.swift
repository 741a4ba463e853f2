import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareStore

@Suite("Use cases: safeguarding overrides")
struct SafeguardingCasesTests {
  @Test(arguments: Engine.allCases)
  func theSafeguardingLeadActsOverTheTeamOnlyUnderALoggedTimeLimitedOverride(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let circle = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let team = try await w.cases.addPerson(
        NewPerson(
          name: "Pat Person", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
        by: admin)
      let pat = try await w.cases.requester(for: team.personAccount)
      let (_, invited) = try await w.cases.invite(
        Invitation(name: "Rex Risk", email: "rex@example.org", relationship: .friend, isArranger: false),
        to: team.person.id, by: pat)
      let rex = try await w.cases.requester(for: invited.invitee)
      try await w.cases.answerInvitation(to: team.person.id, accept: true, by: rex)
      let (_, leadAccount) = try await w.cases.addMember(
        NewMember(
          name: "Sal Safe", email: "sal@example.org", memberClass: .worker, joinedOn: "2026-01-01",
          sharePence: 100),
        by: admin)
      let hat = try #require(
        try await w.store.hats(coop: coop.id).first { $0.hat.kind == .safeguardingLead && $0.hat.circleID == circle.id }
      )
      _ = try await w.cases.handOver(
        hat.hat.id,
        Handover(toAccountID: leadAccount.id.description, termStart: "2026-01-01", termEnd: nil, replacing: nil),
        by: admin)
      var sal = try await w.cases.requester(for: leadAccount)
      let rexLine = try #require(
        try await w.store.team(team.person.id, coop: coop.id)?.active.first { $0.account.id == rex.account.id })

      // The lead sees the team but may not take Rex out: the team has the final say.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.removeFromTeam(rexLine.membership.id, of: team.person.id, by: sal)
      }
      // Nor may Rex, or the person, start an override.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.startOverride(NewOverride(reason: "No", hours: 1), on: team.person.id, by: pat)
      }
      // A reason and 1 to 72 hours, or nothing is started.
      await #expect(
        throws: CareError.invalid([
          FieldError("reason", "Enter why the override is needed"),
          FieldError("hours", "Enter how many hours, from 1 to 72"),
        ])
      ) { try await w.cases.startOverride(NewOverride(reason: " ", hours: 73), on: team.person.id, by: sal) }
      let reason = "Concern raised about Rex's visits; removing him while it is looked into"
      let grant = try await w.cases.startOverride(NewOverride(reason: reason, hours: 24), on: team.person.id, by: sal)
      sal = try await w.cases.requester(for: leadAccount)
      try await w.cases.removeFromTeam(rexLine.membership.id, of: team.person.id, by: sal)
      #expect(try await w.store.team(team.person.id, coop: coop.id)?.active.isEmpty == true)
      // Pat's log says who started it, why, and what was done under it; Pat was told.
      let log = try await w.store.auditEvents(coop: coop.id, person: team.person.id)
      #expect(
        log.contains { $0.action == .startOverride && $0.detail == "for 24 hours, over team and visits: \(reason)" })
      #expect(log.contains { $0.action == .useOverride && $0.actorID == leadAccount.id && $0.detail.hasSuffix(reason) })
      #expect(try await w.store.messages(for: team.personAccount.id).first?.body.contains(reason) == true)
      let model = try await w.cases.safeguarding(team.person.id, by: pat)
      #expect(model.overrides.map(\.id) == [grant.id] && model.isActive(grant) && !model.mayOverride)

      // A day later it has run out, whatever was cached: the lead is back to seeing only.
      w.clock.advance(24 * 3600 + 1)
      sal = try await w.cases.requester(for: leadAccount)
      let (_, again) = try await w.cases.invite(
        Invitation(name: "Fi Friend", email: "fi@example.org", relationship: .friend, isArranger: false),
        to: team.person.id, by: pat)
      _ = again
      await #expect(throws: CareError.forbidden) {
        try await w.cases.invite(
          Invitation(name: "Mo Mum", email: "mo@example.org", relationship: .family, isArranger: false),
          to: team.person.id, by: sal)
      }
      // A new override can be ended early; after that it allows nothing.
      let second = try await w.cases.startOverride(NewOverride(reason: reason, hours: 2), on: team.person.id, by: sal)
      try await w.cases.endOverride(second.id, on: team.person.id, by: sal)
      sal = try await w.cases.requester(for: leadAccount)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.invite(
          Invitation(name: "Mo Mum", email: "mo@example.org", relationship: .family, isArranger: false),
          to: team.person.id, by: sal)
      }
      let ends = try await w.store.auditEvents(coop: coop.id, person: team.person.id).filter {
        $0.action == .endOverride
      }
      #expect(ends.count == 1)
    }
  }
}
