"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const auth_patterns_1 = require("./auth.patterns");
//# sourceMappingURL=auth.contract.js.map