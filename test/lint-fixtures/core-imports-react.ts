// Lint fixture: linted as if it lived at electron/core/; must be refused.
import { useState } from 'react';

export const hook = useState;
