console.log('product-rows bench: pending')
