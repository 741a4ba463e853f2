import CareCases
import CareCore
import Vapor

/// Circles: the list, a new one, one circle, joining and leaving; the same in the API.
enum CirclesWeb: WebCapability {
  static let openAPI: String? = "circles"

  static func pages(_ r: PageRoutes) {
    r.get(.circles, CircleController.index)
    r.post(.circles, CircleController.create)
    r.get(.circle(.key), CircleController.show)
    r.post(.circleJoin(.key), CircleController.join)
    r.post(.circleLeave(.key), CircleController.leave)
    r.get(.circleSplit(.key), CircleSplitController.form)
    r.post(.circleSplit(.key), CircleSplitController.split)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.circles) { req async throws -> [DTO.CircleOut] in
      try await req.cases.circles(by: try await req.actor()).circles.map { DTO.CircleOut($0) }
    }
    v1.post(.circles) { req async throws -> Response in
      let actor = try await req.actor()
      let circle = try await req.cases.createCircle(try req.content.decode(DTO.CircleIn.self).domain, by: actor)
      return try await DTO.CircleOut(circle).encodeResponse(status: .created, for: req)
    }
    v1.get(.circle(.key)) { req async throws -> DTO.CircleOut in
      let model = try await req.cases.circle(try req.id(), by: try await req.actor())
      return DTO.CircleOut(model.detail.circle, detail: model.detail)
    }
    v1.post(.circleJoin(.key)) { req in try await joinOrLeave(req, join: true) }
    v1.post(.circleLeave(.key)) { req in try await joinOrLeave(req, join: false) }
    v1.post(.circleSplit(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let id: ID<Circle> = try req.id()
      let body = try req.content.decode(DTO.CircleSplitIn.self)
      let circle = try await req.cases.splitCircle(
        id, CircleSplit(circle: body.circle.domain, people: body.people, workers: body.workers), by: actor)
      return try await DTO.CircleOut(circle).encodeResponse(status: .created, for: req)
    }
  }

  static func joinOrLeave(_ req: Request, join: Bool) async throws -> HTTPStatus {
    try await req.cases.joinOrLeaveCircle(try req.id(), join: join, by: try await req.actor())
    return .noContent
  }
}
