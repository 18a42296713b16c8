module.exports = require('@portico/contract/webpack').createRemoteWebpackConfig({ dir: __dirname });
