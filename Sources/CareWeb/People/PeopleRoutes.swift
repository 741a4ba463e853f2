import CareCases
import CareCore
import Vapor

/// People supported: the list and adding one (which starts their team).
enum PeopleWeb: WebCapability {
  static let openAPI: String? = "people"

  static func pages(_ r: PageRoutes) {
    r.get(.people, PeopleController.index)
    r.post(.people, PeopleController.create)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.people) { req async throws -> [DTO.PersonOut] in
      try await req.cases.people(by: try await req.actor()).people.map(DTO.PersonOut.init)
    }
    v1.post(.people) { req async throws -> Response in
      let actor = try await req.actor()
      let team = try await req.cases.addPerson(try req.content.decode(DTO.PersonIn.self).domain, by: actor)
      return try await DTO.TeamOut(team, showInvited: true).encodeResponse(status: .created, for: req)
    }
  }
}
