import CareWeb
