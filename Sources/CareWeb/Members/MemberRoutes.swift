import CareCases
import CareCore
import Vapor

/// The register of members: the page and the API.
enum MembersWeb: WebCapability {
  static let openAPI: String? = "members"

  static func pages(_ r: PageRoutes) {
    r.get(.members, MemberController.members)
    r.get(.membersCSV) { req async throws -> Response in
      let file = try await req.cases.registerFile(by: try await req.actor())
      return csvResponse(file.csv, filename: file.fileName)
    }
    r.post(.members, MemberController.addMember)
    r.get(.memberFromAccount, MemberController.fromAccountForm)
    r.post(.memberFromAccount, MemberController.addFromAccount)
    r.get(.member(.key), MemberController.member)
    r.post(.member(.key), MemberController.changeMember)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.members) { req async throws -> [DTO.MemberOut] in
      try await req.cases.memberRegister(by: try await req.actor()).register.map(DTO.MemberOut.init)
    }
    v1.post(.members) { req async throws -> Response in
      let actor = try await req.actor()
      let (member, account) = try await req.cases.addMember(
        try req.content.decode(DTO.MemberIn.self).domain, by: actor)
      return try await DTO.MemberOut(member, account).encodeResponse(status: .created, for: req)
    }
    v1.put(.member(.key)) { req async throws -> DTO.MemberOut in
      let actor = try await req.actor()
      let id: ID<Member> = try req.id()
      let (member, account) = try await req.cases.changeMember(
        id, try req.content.decode(DTO.MemberChangeIn.self).domain, by: actor)
      return DTO.MemberOut(member, account)
    }
    v1.post(.memberships) { req async throws -> Response in
      let actor = try await req.actor()
      let (member, account) = try await req.cases.giveMembership(
        try req.content.decode(DTO.MembershipIn.self).domain, by: actor)
      return try await DTO.MemberOut(member, account).encodeResponse(status: .created, for: req)
    }
  }
}
