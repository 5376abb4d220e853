console.log("console test asset")
