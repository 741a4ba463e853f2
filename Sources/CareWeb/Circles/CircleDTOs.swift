import CareCases
import CareCore
import Vapor

extension DTO {
  struct CircleIn: Content {
    let name: String
    let area: String
    let maxWorkers: Int?
    let maxTeams: Int?
    var domain: NewCircle { NewCircle(name: name, area: area, maxWorkers: maxWorkers, maxTeams: maxTeams) }
  }

  struct CircleOut: Content {
    let id: String
    let name: String
    let area: String
    let maxWorkers: Int
    let maxTeams: Int
    let workers: [AccountOut]?
    let teamCount: Int?
    let sizeAdvice: String?
    init(_ c: Circle, detail: CircleDetail? = nil) {
      (id, name, area) = (c.id.description, c.name, c.area)
      (maxWorkers, maxTeams) = (c.sizeGuide.maxWorkers, c.sizeGuide.maxTeams)
      workers = detail?.workers.map { AccountOut($0) }
      teamCount = detail?.people.count
      sizeAdvice = detail?.sizeAdvice
    }
  }

  struct CircleSplitIn: Content {
    let circle: CircleIn
    let people: [String]
    let workers: [String]
  }
}
