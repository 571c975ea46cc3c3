import { Testing } from 'cdktf';

// Adds cdktf's matchers (toHaveResourceWithProperties, toHaveProvider, ...) to expect.
Testing.setupJest();
