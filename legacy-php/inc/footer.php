<?php /* Shared page footer. The timestamp changes on every request (on purpose). */ ?>
</main>
<footer id="site-footer">
  <div class="wrap">
    <p>&copy; 2018 RetailFlow Shop &middot; <a href="/">Home</a> &middot; <a href="/cart.php">Cart</a> &middot; <a href="/account.php">Your account</a></p>
    <p class="generated">Page generated at <?= h(date('Y-m-d H:i:s')) ?></p>
  </div>
</footer>
</body>
</html>
