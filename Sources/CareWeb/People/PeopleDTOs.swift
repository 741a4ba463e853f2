import CareCases
import CareCore
import Vapor

extension DTO {
  struct PersonIn: Content {
    let name: String
    let email: String?
    let circleID: String
    let communicationNeeds: String?
    var domain: NewPerson {
      NewPerson(name: name, email: email, circleID: circleID, communicationNeeds: communicationNeeds)
    }
  }

  struct PersonOut: Content {
    let personID: String
    let name: String
    let circleID: String
    init(_ p: Person, _ a: Account) { (personID, name, circleID) = (p.id.description, a.name, p.circleID.description) }
  }
}
