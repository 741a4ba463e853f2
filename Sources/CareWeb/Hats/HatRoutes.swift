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
    r.post(.hatHandoverAnswer(.key, .key), HatController.answerHandover)
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
      let done = try await req.cases.handOver(id, try req.content.decode(DTO.HandoverIn.self).domain, by: actor)
      if let waiting = done.waiting {
        return try await DTO.HandoverRequestOut(waiting, now: waiting.askedAt).encodeResponse(
          status: .accepted, for: req)
      }
      return try await DTO.HatOut(done.hat).encodeResponse(status: .created, for: req)
    }
    v1.get(.hatHandovers(.key)) { req async throws -> [DTO.HandoverRequestOut] in
      let model = try await req.cases.hat(try req.id(), by: try await req.actor())
      return model.requests.map { DTO.HandoverRequestOut($0, now: model.now) }
    }
    v1.post(.hatHandoverAnswer(.key, .key)) { req async throws -> DTO.HandoverRequestOut in
      let actor = try await req.actor()
      let hat: ID<Hat> = try req.id()
      let body = try req.content.decode(DTO.HandoverAnswerIn.self)
      let answered = try await req.cases.answerHandover(
        try req.id(HandoverRequest.self, SiteURL.requestID), hat: hat, answer: body.answer, reason: body.reason,
        by: actor)
      // As at its answer: the server's clock is the use case's, never read here.
      return DTO.HandoverRequestOut(answered, now: answered.answer?.at ?? answered.askedAt)
    }
  }
}
