import CareCore
