import CareCases
import CareCore
import Vapor

extension DTO {
  struct MemberOut: Content {
    let id: String
    let accountID: String
    let name: String
    let memberClass: String
    let joinedOn: String
    let sharePence: Int
    let leftOn: String?
    init(_ m: Member, _ a: Account) {
      (id, accountID, name, memberClass) = (m.id.description, a.id.description, a.name, m.memberClass.rawValue)
      (joinedOn, sharePence, leftOn) = (m.joinedOn.iso, m.sharePence, m.leftOn?.iso)
    }
  }

  struct MemberIn: Content {
    let name: String
    let email: String?
    let memberClass: MemberClass?
    let joinedOn: String
    let sharePence: Int?
    var domain: NewMember {
      NewMember(name: name, email: email, memberClass: memberClass, joinedOn: joinedOn, sharePence: sharePence)
    }
  }

  struct MembershipIn: Content {
    let accountID: String
    let memberClass: MemberClass?
    let joinedOn: String
    let sharePence: Int?
    var domain: NewMembership {
      NewMembership(accountID: accountID, memberClass: memberClass, joinedOn: joinedOn, sharePence: sharePence)
    }
  }

  struct MemberChangeIn: Content {
    let memberClass: MemberClass?
    let sharePence: Int?
    let leftOn: String?
    var domain: MemberChange { MemberChange(memberClass: memberClass, sharePence: sharePence, leftOn: leftOn) }
  }
}
