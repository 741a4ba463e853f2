import CareCases
import CareCore
import Vapor

/// Hats: the list, one hat, handing it over; the same in the API.
enum HatsWeb: WebCapability {
  static let openAPI: String? = "hats"

  static func pages(_ r: PageRoutes) {
    r.get(.hats, HatController.hats)
    r.get(.hat(.key), HatController.hat)
    r.post(.hatHandover(.key), HatController.handOver)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.hats) { req async throws -> [DTO.HatOut] in
      try await req.cases.hatsWithHolders(by: try await req.actor()).map(DTO.HatOut.init)
    }
    v1.get(.hat(.key)) { req async throws -> DTO.HatOut in
      DTO.HatOut(try await req.cases.hatWithHolders(try req.id(), by: try await req.actor()))
    }
    v1.post(.hatHandover(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let id: ID<Hat> = try req.id()
      let hat = try await req.cases.handOver(id, try req.content.decode(DTO.HandoverIn.self).domain, by: actor)
      return try await DTO.HatOut(hat).encodeResponse(status: .created, for: req)
    }
  }
}
