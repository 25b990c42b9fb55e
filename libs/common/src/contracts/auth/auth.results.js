"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=auth.results.js.map