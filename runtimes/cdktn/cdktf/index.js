module.exports = require('cdktn');
