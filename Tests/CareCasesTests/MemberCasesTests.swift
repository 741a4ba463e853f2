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
}
