import CareCases
import CareCore
import Vapor

extension DTO {
  /// The co-op's settings: each with its value today and every value decisions gave it.
  struct SettingsOut: Content {
    struct EntryOut: Content {
      let value: Int
      let from: String
      let proposalID: String
    }

    struct SettingOut: Content {
      let key: String
      let label: String
      let value: Int
      let text: String
      let standard: Int
      let history: [EntryOut]
    }

    let today: String
    let settings: [SettingOut]

    init(_ model: SettingsModel) {
      today = model.today.iso
      settings = model.rows.map { row in
        SettingOut(
          key: row.setting.rawValue, label: row.setting.label, value: row.value, text: row.setting.text(row.value),
          standard: row.setting.standard,
          history: row.history.map {
            EntryOut(value: $0.value, from: $0.from.iso, proposalID: $0.proposalID.description)
          })
      }
    }
  }
}
