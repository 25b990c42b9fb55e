"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const admin_patterns_1 = require("./admin.patterns");
//# sourceMappingURL=admin.contract.js.map