import CareCore
import CareStore
import Foundation

/// The register of members' model.
public struct MemberRegisterModel: Sendable {
  public let register: [(Member, Account)]
  public let mayChange: Bool
}

/// The co-op's register of members.
extension Cases {
  public func memberRegister(by requester: Requester) async throws -> MemberRegisterModel {
    let permit = try AccessPolicy.permit(requester, .viewMemberRegister(coop: requester.coopID))
    return MemberRegisterModel(
      register: try await store.memberRegister(permit: permit),
      mayChange: allows(requester, .changeMemberRegister(coop: requester.coopID)))
  }

  public func addMember(_ input: NewMember, by requester: Requester) async throws -> (Member, Account) {
    let permit = try AccessPolicy.permit(requester, .changeMemberRegister(coop: requester.coopID))
    let member = try await store.addMember(input, permit: permit, env: effects)
    guard let account = try await store.account(member.accountID) else { throw CareError.notFound }
    return (member, account)
  }

  /// Everyone in the co-op who has an account but no membership yet, by name.
  public func membershipCandidates(by requester: Requester) async throws -> [Account] {
    let permit = try AccessPolicy.permit(requester, .changeMemberRegister(coop: requester.coopID))
    let members = Set(try await store.memberRegister(permit: permit).map(\.1.id))
    return try await store.accounts(coop: requester.coopID).filter { !members.contains($0.id) }
      .sorted { $0.name < $1.name }
  }

  /// Gives someone already in the co-op a membership (one account, one membership).
  public func giveMembership(_ input: NewMembership, by requester: Requester) async throws -> (Member, Account) {
    let permit = try AccessPolicy.permit(requester, .changeMemberRegister(coop: requester.coopID))
    let member = try await store.addMembership(input, permit: permit, env: effects)
    guard let account = try await store.account(member.accountID) else { throw CareError.notFound }
    return (member, account)
  }

  /// One member's line, for the form that changes it.
  public func member(_ id: ID<Member>, by requester: Requester) async throws -> (Member, Account) {
    let permit = try AccessPolicy.permit(requester, .changeMemberRegister(coop: requester.coopID))
    guard let found = try await store.member(id, permit: permit) else {
      throw CareError.notFound
    }
    return found
  }

  /// Changes a member's class, share or leaving day (those who keep the register).
  public func changeMember(_ id: ID<Member>, _ change: MemberChange, by requester: Requester) async throws
    -> (Member, Account)
  {
    let permit = try AccessPolicy.permit(requester, .changeMemberRegister(coop: requester.coopID))
    _ = try await store.changeMember(id, change, permit: permit, env: effects)
    guard let found = try await store.member(id, permit: permit) else { throw CareError.notFound }
    return found
  }
}
